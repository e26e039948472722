package io.parcours.channel.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Twilio settings: account SID, auth token and sending number; {@code baseUrl} only for
 * tests.
 */
@ConfigurationProperties("parcours.twilio")
public record TwilioProperties(String accountSid, String authToken, String from, String baseUrl) {

	public boolean configured() {
		return notBlank(accountSid) && notBlank(authToken) && notBlank(from);
	}

	private static boolean notBlank(String value) {
		return value != null && !value.isBlank();
	}

}
