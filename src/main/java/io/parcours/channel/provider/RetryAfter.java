package io.parcours.channel.provider;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * The HTTP Retry-After header: delay in seconds or an HTTP date; a minute when absent or
 * unreadable.
 */
final class RetryAfter {

	static final Duration WHEN_UNKNOWN = Duration.ofMinutes(1);

	private RetryAfter() {
	}

	static Duration parse(String header) {
		if (header == null || header.isBlank()) {
			return WHEN_UNKNOWN;
		}
		try {
			return Duration.ofSeconds(Math.max(0, Long.parseLong(header.strip())));
		}
		catch (NumberFormatException notSeconds) {
			try {
				Instant at = ZonedDateTime.parse(header.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
				Duration wait = Duration.between(Instant.now(), at);
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException notDate) {
				return WHEN_UNKNOWN;
			}
		}
	}

}
