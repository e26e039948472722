package io.parcours.sales;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Deadlines in business days: Saturdays and Sundays do not count (public holidays do).
 */
final class BusinessDays {

	private BusinessDays() {
	}

	/**
	 * The moment {@code days} business days after {@code from}; a start during a weekend
	 * counts from Monday, 00:00.
	 */
	static Instant after(Instant from, int days, ZoneId zone) {
		ZonedDateTime at = from.atZone(zone);
		if (isWeekend(at)) {
			while (isWeekend(at)) {
				at = at.plusDays(1);
			}
			at = at.toLocalDate().atStartOfDay(zone);
		}
		for (int day = 0; day < days; day++) {
			at = at.plusDays(1);
			while (isWeekend(at)) {
				at = at.plusDays(1);
			}
		}
		return at.toInstant();
	}

	private static boolean isWeekend(ZonedDateTime at) {
		return at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY;
	}

}
