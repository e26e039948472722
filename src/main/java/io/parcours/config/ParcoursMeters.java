package io.parcours.config;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.stereotype.Component;

/**
 * Meters other features increment, named once here (see README, "Metrics"). Prometheus
 * shows them with underscores and a {@code _total} suffix for counters.
 */
@Component
public class ParcoursMeters {

	/**
	 * Provider webhook calls refused (bad signature, unknown message, malformed body).
	 */
	public static final String WEBHOOK_REJECTIONS = "parcours.webhooks.rejected";

	private final MeterRegistry registry;

	ParcoursMeters(MeterRegistry registry) {
		this.registry = registry;
		webhookRejections("sendgrid", "signature");
		webhookRejections("twilio", "signature");
	}

	/** Counts a refused webhook call; {@code reason} is a short code like "signature". */
	public void webhookRejected(String provider, String reason) {
		webhookRejections(provider, reason).increment();
	}

	private Counter webhookRejections(String provider, String reason) {
		return Counter.builder(WEBHOOK_REJECTIONS)
			.description("Provider webhook calls refused")
			.tag("provider", provider)
			.tag("reason", reason)
			.register(registry);
	}

}
