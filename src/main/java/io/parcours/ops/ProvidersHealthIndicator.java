package io.parcours.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.parcours.channel.provider.SendGridProperties;
import io.parcours.channel.provider.TwilioProperties;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.stereotype.Component;

/**
 * Health component {@code providers}: whether the configured SendGrid and Twilio
 * endpoints can be reached (a TCP connection, no API call, checked at most once a
 * minute). An unreachable provider makes the status {@code DEGRADED} (HTTP 200): sends
 * retry with backoff, so the node stays in service; ops see it in the health details and
 * in {@code parcours_provider_calls}.
 */
@Component
class ProvidersHealthIndicator implements HealthIndicator {

	/**
	 * Without a description: the overall status shows it to anyone, who gets the status
	 * alone; the details say which provider.
	 */
	static final Status DEGRADED = new Status("DEGRADED");

	static final Duration CACHE = Duration.ofMinutes(1);

	private final SendGridProperties sendGrid;

	private final TwilioProperties twilio;

	private final Reachability reachability;

	private final Clock clock;

	private volatile Health last;

	private volatile Instant checkedAt = Instant.MIN;

	ProvidersHealthIndicator(SendGridProperties sendGrid, TwilioProperties twilio, Reachability reachability,
			Clock clock) {
		this.sendGrid = sendGrid;
		this.twilio = twilio;
		this.reachability = reachability;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Instant now = clock.instant();
		if (last == null || checkedAt.plus(CACHE).isBefore(now)) {
			last = check();
			checkedAt = now;
		}
		return last;
	}

	private Health check() {
		Map<String, Object> details = new LinkedHashMap<>();
		boolean allReachable = true;
		if (sendGrid.configured()) {
			allReachable &= put(details, "email", "sendgrid", sendGrid.baseUrl(), "https://api.sendgrid.com");
		}
		else {
			details.put("email", logProvider());
		}
		if (twilio.configured()) {
			allReachable &= put(details, "sms", "twilio", twilio.baseUrl(), "https://api.twilio.com");
		}
		else {
			details.put("sms", logProvider());
		}
		return Health.status(allReachable ? Status.UP : DEGRADED).withDetails(details).build();
	}

	private boolean put(Map<String, Object> details, String channel, String provider, String baseUrl,
			String defaultUrl) {
		Reachability.Result result = reachability.check(baseUrl == null || baseUrl.isBlank() ? defaultUrl : baseUrl);
		Map<String, Object> detail = new LinkedHashMap<>();
		detail.put("provider", provider);
		detail.put("endpoint", result.endpoint());
		detail.put("reachable", result.reachable());
		detail.put(result.reachable() ? "connectMillis" : "error",
				result.reachable() ? result.took().toMillis() : result.error());
		details.put(channel, detail);
		return result.reachable();
	}

	private static Map<String, Object> logProvider() {
		return Map.of("provider", "log", "note", "no credentials configured: messages are recorded, not sent");
	}

}
