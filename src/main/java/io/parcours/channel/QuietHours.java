package io.parcours.channel;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Hours of a channel during which marketing messages wait, read on the contact's own
 * clock. A window whose start is after its end crosses midnight (21:00–08:00); equal
 * start and end mean no quiet hours.
 */
public record QuietHours(boolean enabled, LocalTime start, LocalTime end) {

	public static final QuietHours NONE = new QuietHours(false, LocalTime.MIDNIGHT, LocalTime.MIDNIGHT);

	public QuietHours {
		if (enabled && (start == null || end == null)) {
			throw new IllegalArgumentException("quiet hours need a start and an end, e.g. 21:00 and 08:00");
		}
	}

	/**
	 * The moment the quiet hours around {@code now} end in {@code zone}, or empty when
	 * {@code now} is not in quiet hours there.
	 */
	public Optional<ZonedDateTime> endAfter(Instant now, ZoneId zone) {
		if (!enabled || start.equals(end)) {
			return Optional.empty();
		}
		ZonedDateTime local = now.atZone(zone);
		LocalTime time = local.toLocalTime();
		boolean crossesMidnight = start.isAfter(end);
		boolean afterStart = !time.isBefore(start);
		boolean beforeEnd = time.isBefore(end);
		boolean quiet = crossesMidnight ? afterStart || beforeEnd : afterStart && beforeEnd;
		if (!quiet) {
			return Optional.empty();
		}
		LocalDate day = crossesMidnight && afterStart ? local.toLocalDate().plusDays(1) : local.toLocalDate();
		// an end that falls in a daylight-saving gap moves forward by the gap, never back
		return Optional.of(ZonedDateTime.of(day, end, zone));
	}

}
