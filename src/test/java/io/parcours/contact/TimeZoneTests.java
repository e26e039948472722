package io.parcours.contact;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A contact's time zone is a region of the time zone database, whose daylight saving time
 * the quiet hours follow; a fixed offset would be an hour off for half the year.
 */
class TimeZoneTests {

	final TimeZone.Validator validator = new TimeZone.Validator();

	@ParameterizedTest
	@ValueSource(strings = { "Europe/Paris", "America/Los_Angeles", "Pacific/Auckland", "Asia/Kolkata", "UTC",
			"Etc/UTC", "Etc/GMT" })
	void regionsOfTheTimeZoneDatabaseAreAccepted(String zone) {
		assertThat(validator.isValid(zone, null)).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "+02:00", "UTC+2", "GMT-05:00", "Z", "europe/paris", "Mars/Olympus", "", "Etc/GMT-5",
			"Etc/GMT+10", "SystemV/AST4" })
	void offsetsAndUnknownNamesAreRefused(String zone) {
		assertThat(validator.isValid(zone, null)).isFalse();
	}

}
