package io.parcours.reactivation;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Who counts as dormant and when the sweep looks for them
 * ({@code parcours.reactivation}).
 *
 * @param sweepCycle when the daily sweep starts: a Camunda time cycle, cron
 * ({@code 0 0 9 * * ?}, in the server's time zone) or ISO 8601 repeating interval
 * @param dormantAfter a customer whose last order is older than this is dormant
 * @param reentryWindow a contact reactivated or lapsed less than this ago is not enrolled
 * again
 * @param pageSize contacts enrolled per page, each page one job and one transaction
 * @param sendsPerSecond the pace of the journeys a sweep enrols: their first emails are
 * spread at this rate, and each journey's later steps keep its rhythm
 */
@ConfigurationProperties("parcours.reactivation")
public record ReactivationProperties(@DefaultValue("0 0 9 * * ?") String sweepCycle,
		@DefaultValue("90d") @DurationUnit(ChronoUnit.DAYS) Duration dormantAfter,
		@DefaultValue("180d") @DurationUnit(ChronoUnit.DAYS) Duration reentryWindow, @DefaultValue("500") int pageSize,
		@DefaultValue("50") int sendsPerSecond) {

	public static final int MAX_PAGE_SIZE = 5000;

	public ReactivationProperties {
		if (dormantAfter.isNegative() || dormantAfter.isZero()) {
			throw new IllegalArgumentException(
					"parcours.reactivation.dormant-after must be positive (90d, or 90 for days), not " + dormantAfter);
		}
		if (reentryWindow.isNegative()) {
			throw new IllegalArgumentException(
					"parcours.reactivation.reentry-window must not be negative, not " + reentryWindow);
		}
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"parcours.reactivation.page-size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
		}
		if (sendsPerSecond < 1) {
			throw new IllegalArgumentException(
					"parcours.reactivation.sends-per-second must be 1 or more, not " + sendsPerSecond);
		}
	}

	/** The time between two enrolled journeys' first sends. */
	public Duration sendInterval() {
		return Duration.ofNanos(1_000_000_000L / sendsPerSecond);
	}

}
