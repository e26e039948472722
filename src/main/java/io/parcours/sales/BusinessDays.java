package io.parcours.sales;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;

/**
 * Deadlines in business days: Saturdays, Sundays and the sales team's public holidays do
 * not count.
 */
record BusinessDays(ZoneId zone, Set<LocalDate> holidays) {

	/**
	 * The moment {@code days} business days after {@code from}; a start on a day off
	 * counts from the next business day, 00:00.
	 */
	Instant after(Instant from, int days) {
		ZonedDateTime at = from.atZone(zone);
		if (isDayOff(at)) {
			while (isDayOff(at)) {
				at = at.plusDays(1);
			}
			at = at.toLocalDate().atStartOfDay(zone);
		}
		for (int day = 0; day < days; day++) {
			at = at.plusDays(1);
			while (isDayOff(at)) {
				at = at.plusDays(1);
			}
		}
		return at.toInstant();
	}

	private boolean isDayOff(ZonedDateTime at) {
		return at.getDayOfWeek() == DayOfWeek.SATURDAY || at.getDayOfWeek() == DayOfWeek.SUNDAY
				|| holidays.contains(at.toLocalDate());
	}

}
