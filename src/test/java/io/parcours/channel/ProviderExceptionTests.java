package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A provider's error text keeps what happened, never the address it quotes. */
class ProviderExceptionTests {

	@ParameterizedTest
	@ValueSource(strings = { "Invalid recipient ana.roux@example.com", "Invalid recipient ANA.ROUX@EXAMPLE.COM",
			"Invalid recipient Ana.Roux@Example.com", "Invalid recipient ana.roux%40example.com",
			"Invalid recipient ana.roux\\u0040example.com", "Invalid recipient ana.roux\\U0040example.com",
			"Invalid recipient ana.roux&#64;example.com", "Invalid recipient ana&#x2E;roux&#x40;example.com" })
	void anEmailAddressIsMaskedHoweverItIsWritten(String error) {
		assertThat(ProviderException.withoutRecipient(error, "ana.roux@example.com"))
			.isEqualTo("Invalid recipient <recipient>");
	}

	/** As QA found them in a provider's answer: escapes and encodings mixed, in part. */
	@ParameterizedTest
	@ValueSource(
			strings = { "Invalid to: J\\u00d6HN.QA@EX\\u00c4MPLE.COM", "Invalid to: j\\u00f6hn.qa%40ex\\u00e4mple.com",
					"Invalid to: JÖHN.QA@EXÄMPLE.COM", "Invalid to: j%C3%B6hn.qa@ex%c3%a4mple.com",
					"Invalid to: jöhn.qa@xn--exmple-cua.com", "Invalid to: jöhn.qa at exämple.com",
					"Invalid to: jöhn.qa [at] exämple.com", "Invalid to: jöhn.qa&commat;exämple.com" })
	void anAddressWithAccentsIsMaskedHoweverItIsWritten(String error) {
		assertThat(ProviderException.withoutRecipient(error, "jöhn.qa@exämple.com"))
			.isEqualTo("Invalid to: <recipient>");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Invalid to: erasme+tag%40example.com", "Invalid to: erasme%2Btag@example.com",
			"Invalid to: erasme%2btag%40example.com",
			"Invalid to: &#101;&#114;&#097;&#115;&#109;&#101;&#043;&#116;&#097;&#103;&#064;example.com",
			"Invalid to: erasme&#x002B;tag&#x0040;example.com" })
	void anAddressEncodedInPartIsMasked(String error) {
		assertThat(ProviderException.withoutRecipient(error, "erasme+tag@example.com"))
			.isEqualTo("Invalid to: <recipient>");
	}

	/** A mailbox quoted without its domain is the person's name as often as not. */
	@Test
	void theMailboxQuotedAloneIsMaskedAndWordsContainingItStay() {
		assertThat(ProviderException.withoutRecipient("Internal error for mailbox Pii6.zoe full, see pii6.zoe's logs",
				"pii6.Zoe@example.com"))
			.isEqualTo("Internal error for mailbox <recipient> full, see <recipient>'s logs");
		assertThat(ProviderException.withoutRecipient("Mailbox information unavailable", "info@example.com"))
			.isEqualTo("Mailbox information unavailable");
		assertThat(ProviderException.withoutRecipient("Mailbox info is full", "info@example.com"))
			.isEqualTo("Mailbox <recipient> is full");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+33612345699", "33612345699", "0033612345699", "33 612345699", "+33 6 12 34 56 99",
			"+33 (0)6 12 34 56 99", "06.12.34.56.99", "06-12-34-56-99", "612345699" })
	void aPhoneNumberIsMaskedHoweverItIsWritten(String written) {
		assertThat(ProviderException.withoutRecipient("The 'To' number " + written + " is not valid (21211)",
				"+33612345699"))
			.isEqualTo("The 'To' number <recipient> is not valid (21211)");
	}

	@Test
	void otherNumbersAndCodesStay() {
		assertThat(ProviderException.withoutRecipient("Error 21211 for +33612345600, request 3361234569900",
				"+33612345699"))
			.isEqualTo("Error 21211 for +33612345600, request 3361234569900");
	}

	@Test
	void noRecipientLeavesTheTextAsItIs() {
		assertThat(ProviderException.withoutRecipient("Bad request", null)).isEqualTo("Bad request");
		assertThat(ProviderException.withoutRecipient(null, "+33612345699")).isNull();
	}

}
