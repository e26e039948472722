package io.parcours.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmsKeywordsTests {

	@ParameterizedTest
	@ValueSource(strings = { "STOP", "stop", "  Stop.  ", "Stop!", "STOP?", "stop!!", "stop,", "STOP\u00a0", "«STOP»",
			"stop\u200b", "\"Stop\"", "\tUNSUBSCRIBE\n", "stopall", "Cancel.", "end", "quit", "revoke", "optout",
			"STOP ALL", "stop all", "Stop please", "UNSUBSCRIBE me", "please unsubscribe", "Please STOP!", "opt out",
			"Opt-out", "opt out please", "I want to opt out", "stop texting me" })
	void anOptOutKeywordCountsWhateverSurroundsIt(String body) {
		assertThat(SmsKeywords.of(body, null)).isEqualTo(SmsKeywords.OPT_OUT);
	}

	@ParameterizedTest
	@ValueSource(strings = { "stopping", "S T O P", "", "  ", "Cancel my order", "end of May?", "quit smoking",
			"I will stop by the shop tomorrow", "optional", "opt in" })
	void aSentenceOrAnotherWordIsNoKeyword(String body) {
		assertThat(SmsKeywords.of(body, null)).isEqualTo(SmsKeywords.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "START", " start ", "Yes!", "yes.", "UNSTOP", "Start\u00a0" })
	void anOptInMustBeMeant(String body) {
		assertThat(SmsKeywords.of(body, null)).isEqualTo(SmsKeywords.OPT_IN);
	}

	@ParameterizedTest
	@ValueSource(strings = { "Yes?", "start??", "«yes»", "Yes please" })
	void aQuestionOrAQuoteGivesNoConsentBack(String body) {
		assertThat(SmsKeywords.of(body, null)).isEqualTo(SmsKeywords.NONE);
	}

	@ParameterizedTest
	@ValueSource(strings = { "HELP", "help?", "Info." })
	void helpCountsWhateverSurroundsIt(String body) {
		assertThat(SmsKeywords.of(body, null)).isEqualTo(SmsKeywords.HELP);
	}

	@ParameterizedTest
	@ValueSource(strings = { "please no more texts", "Yes?" })
	void twiliosOptOutTypeDecidesWhenGiven(String body) {
		assertThat(SmsKeywords.of(body, "STOP")).isEqualTo(SmsKeywords.OPT_OUT);
		assertThat(SmsKeywords.of(body, "start")).isEqualTo(SmsKeywords.OPT_IN);
	}

	@Test
	void noBodyIsNoKeyword() {
		assertThat(SmsKeywords.of(null, null)).isEqualTo(SmsKeywords.NONE);
	}

}
