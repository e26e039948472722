package io.parcours.channel.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * SendGrid settings: {@code PARCOURS_SENDGRID_API_KEY}; {@code baseUrl} only points the
 * SDK at a local fake in tests.
 */
@ConfigurationProperties("parcours.sendgrid")
public record SendGridProperties(String apiKey, String baseUrl) {

	public boolean configured() {
		return apiKey != null && !apiKey.isBlank();
	}

}
