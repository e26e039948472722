package io.parcours.channel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * How fast each provider may be called ({@code parcours.rate-limits}).
 *
 * @param perSecond messages per second by provider name ({@code sendgrid},
 * {@code twilio}, {@code log}); a provider not listed, or with 0, is not limited. The
 * limit holds per node: with several nodes, give each its share of the account's limit.
 * @param maxWait how long a send may wait for a free slot before its job is put off
 */
@ConfigurationProperties("parcours.rate-limits")
public record RateLimitProperties(@DefaultValue Map<String, Integer> perSecond,
		@DefaultValue("1s") @DurationUnit(ChronoUnit.SECONDS) Duration maxWait) {

	public RateLimitProperties {
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("parcours.rate-limits.max-wait must not be negative, not " + maxWait);
		}
		perSecond.forEach((provider, rate) -> {
			if (rate == null || rate < 0) {
				throw new IllegalArgumentException(
						"parcours.rate-limits.per-second." + provider + " must be 0 (no limit) or more, not " + rate);
			}
		});
	}

}
