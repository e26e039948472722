package io.parcours.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneNumbersTests {

	@ParameterizedTest
	@CsvSource({ "+33612345678, +33612345678", "+33 6 12 34 56 78, +33612345678", "+44 7911 123456, +447911123456",
			"+1 (415) 555-2671, +14155552671" })
	void normalisesValidInternationalNumbersToE164(String input, String e164) {
		assertThat(PhoneNumbers.toE164(input)).contains(e164);
	}

	@ParameterizedTest
	@ValueSource(strings = { "0612345678", "+33 1", "+999 123", "phone", "" })
	void refusesNumbersThatAreNotValidInternationalNumbers(String input) {
		assertThat(PhoneNumbers.toE164(input)).isEmpty();
	}

}
