package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import org.junit.jupiter.api.Test;

/**
 * Quiet hours read on the contact's own clock, across midnight and daylight-saving
 * changes.
 */
class QuietHoursTests {

	static final QuietHours NIGHT = new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0));

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

	@Test
	void lateEveningWaitsUntilEightTheNextMorning() {
		assertThat(NIGHT.endAfter(at("2026-06-10T22:30+02:00"), PARIS))
			.contains(ZonedDateTime.of(2026, 6, 11, 8, 0, 0, 0, PARIS));
	}

	@Test
	void earlyMorningWaitsUntilEightTheSameDay() {
		assertThat(NIGHT.endAfter(at("2026-06-11T03:15+02:00"), PARIS))
			.contains(ZonedDateTime.of(2026, 6, 11, 8, 0, 0, 0, PARIS));
	}

	@Test
	void daytimeIsNotQuiet() {
		assertThat(NIGHT.endAfter(at("2026-06-11T12:00+02:00"), PARIS)).isEmpty();
		assertThat(NIGHT.endAfter(at("2026-06-11T20:59:59+02:00"), PARIS)).isEmpty();
	}

	@Test
	void theStartIsQuietAndTheEndIsNot() {
		assertThat(NIGHT.endAfter(at("2026-06-11T21:00+02:00"), PARIS)).isPresent();
		assertThat(NIGHT.endAfter(at("2026-06-11T08:00+02:00"), PARIS)).isEmpty();
		assertThat(NIGHT.endAfter(at("2026-06-11T07:59:59+02:00"), PARIS)).isPresent();
	}

	@Test
	void theSameInstantIsQuietInOneZoneAndNotInAnother() {
		Instant noonInParis = at("2026-06-11T12:00+02:00");

		assertThat(NIGHT.endAfter(noonInParis, PARIS)).isEmpty();
		assertThat(NIGHT.endAfter(noonInParis, ZoneId.of("Pacific/Auckland")))
			.contains(ZonedDateTime.of(2026, 6, 12, 8, 0, 0, 0, ZoneId.of("Pacific/Auckland")));
		assertThat(NIGHT.endAfter(noonInParis, ZoneId.of("America/Los_Angeles")))
			.contains(ZonedDateTime.of(2026, 6, 11, 8, 0, 0, 0, ZoneId.of("America/Los_Angeles")));
	}

	@Test
	void halfHourZonesKeepTheirOffset() {
		ZoneId kolkata = ZoneId.of("Asia/Kolkata");

		assertThat(NIGHT.endAfter(at("2026-06-11T16:00Z"), kolkata))
			.contains(ZonedDateTime.of(2026, 6, 12, 8, 0, 0, 0, kolkata));
		assertThat(NIGHT.endAfter(at("2026-06-11T15:29Z"), kolkata)).isEmpty();
	}

	@Test
	void theNightClocksGoForwardIsAnHourShorter() {
		// Paris, 29 March 2026: 02:00 becomes 03:00
		Instant evening = at("2026-03-28T23:00+01:00");

		ZonedDateTime end = NIGHT.endAfter(evening, PARIS).orElseThrow();

		assertThat(end).isEqualTo(ZonedDateTime.of(2026, 3, 29, 8, 0, 0, 0, PARIS));
		assertThat(end.getOffset().getTotalSeconds()).isEqualTo(7200);
		assertThat(Duration.between(evening, end.toInstant())).isEqualTo(Duration.ofHours(8));
	}

	@Test
	void theNightClocksGoBackIsAnHourLonger() {
		// New York, 1 November 2026: 02:00 becomes 01:00
		Instant evening = at("2026-10-31T23:00-04:00");

		ZonedDateTime end = NIGHT.endAfter(evening, NEW_YORK).orElseThrow();

		assertThat(end).isEqualTo(ZonedDateTime.of(2026, 11, 1, 8, 0, 0, 0, NEW_YORK));
		assertThat(Duration.between(evening, end.toInstant())).isEqualTo(Duration.ofHours(10));
	}

	@Test
	void anEndInsideTheSkippedHourMovesForward() {
		QuietHours untilHalfPastTwo = new QuietHours(true, LocalTime.of(22, 0), LocalTime.of(2, 30));

		assertThat(untilHalfPastTwo.endAfter(at("2026-03-29T01:00+01:00"), PARIS))
			.contains(ZonedDateTime.of(2026, 3, 29, 3, 30, 0, 0, PARIS));
	}

	@Test
	void anHourRepeatedByTheClockChangeIsQuietBothTimes() {
		QuietHours untilThree = new QuietHours(true, LocalTime.of(22, 0), LocalTime.of(3, 0));
		// Paris, 25 October 2026: 03:00 becomes 02:00, so 02:30 happens twice
		Instant firstHalfPastTwo = at("2026-10-25T02:30+02:00");
		Instant secondHalfPastTwo = at("2026-10-25T02:30+01:00");

		assertThat(untilThree.endAfter(firstHalfPastTwo, PARIS)).isPresent();
		assertThat(untilThree.endAfter(secondHalfPastTwo, PARIS)).isPresent();
		assertThat(untilThree.endAfter(at("2026-10-25T03:00+01:00"), PARIS)).isEmpty();
	}

	@Test
	void aWindowWithinOneDayDoesNotCrossMidnight() {
		QuietHours lunch = new QuietHours(true, LocalTime.of(12, 0), LocalTime.of(14, 0));

		assertThat(lunch.endAfter(at("2026-06-11T12:30+02:00"), PARIS))
			.contains(ZonedDateTime.of(2026, 6, 11, 14, 0, 0, 0, PARIS));
		assertThat(lunch.endAfter(at("2026-06-11T23:00+02:00"), PARIS)).isEmpty();
	}

	@Test
	void disabledOrEmptyWindowsNeverDefer() {
		Instant midnight = at("2026-06-11T00:00+02:00");

		assertThat(new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0)).endAfter(midnight, PARIS)).isEmpty();
		assertThat(new QuietHours(true, LocalTime.of(8, 0), LocalTime.of(8, 0)).endAfter(midnight, PARIS)).isEmpty();
		assertThat(QuietHours.NONE.endAfter(midnight, PARIS)).isEmpty();
	}

	static Instant at(String isoOffsetDateTime) {
		return OffsetDateTime.parse(isoOffsetDateTime).toInstant();
	}

}
