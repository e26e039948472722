package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Settings that would escalate every hot lead at once, or email sales in no language. */
class SalesPropertiesTests {

	private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@ParameterizedTest
	@ValueSource(ints = { 0, -1 })
	void aRepHasAtLeastOneBusinessDay(int days) {
		assertThatThrownBy(() -> new SalesProperties(days, PARIS, List.of(), "en"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("parcours.sales.response-business-days must be at least 1");
	}

	@Test
	void theLanguageIsOneTheMessagesExistIn() {
		assertThatThrownBy(() -> new SalesProperties(1, PARIS, List.of(), "de"))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("parcours.sales.language must be one of the messages' languages [en, fr], not 'de'");
		assertThat(new SalesProperties(2, PARIS, List.of(), "fr").language()).isEqualTo("fr");
	}

}
