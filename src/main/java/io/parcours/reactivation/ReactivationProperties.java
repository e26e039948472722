package io.parcours.reactivation;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
 */
@ConfigurationProperties("parcours.reactivation")
public record ReactivationProperties(@DefaultValue("0 0 9 * * ?") String sweepCycle,
		@DefaultValue("90d") Duration dormantAfter, @DefaultValue("180d") Duration reentryWindow,
		@DefaultValue("500") int pageSize) {

	public static final int MAX_PAGE_SIZE = 5000;

	public ReactivationProperties {
		if (pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
			throw new IllegalArgumentException(
					"parcours.reactivation.page-size must be between 1 and " + MAX_PAGE_SIZE + ", not " + pageSize);
		}
	}

}
