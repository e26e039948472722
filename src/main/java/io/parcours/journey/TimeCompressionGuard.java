package io.parcours.journey;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Compressed time with real provider credentials would send a week of marketing in
 * minutes to real people: refuse to start with both, unless
 * {@code PARCOURS_TIME_COMPRESSION_FORCED=true} says it is on purpose.
 */
public class TimeCompressionGuard implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		double factor = environment.getProperty("parcours.time-compression", Double.class, 1.0);
		boolean forced = environment.getProperty("parcours.time-compression-forced", Boolean.class, false);
		if (factor > 1 && !forced && realProvidersConfigured(environment)) {
			throw new IllegalStateException("Refusing to start: time compression (PARCOURS_TIME_COMPRESSION=" + factor
					+ ") is on while real SendGrid or Twilio credentials are set. Set PARCOURS_TIME_COMPRESSION=1, remove "
					+ "the credentials, or set PARCOURS_TIME_COMPRESSION_FORCED=true if this is really what you want.");
		}
	}

	static boolean realProvidersConfigured(ConfigurableEnvironment environment) {
		return hasText(environment.getProperty("parcours.sendgrid.api-key"))
				|| hasText(environment.getProperty("parcours.twilio.account-sid"))
						&& hasText(environment.getProperty("parcours.twilio.auth-token"));
	}

	private static boolean hasText(String value) {
		return value != null && !value.isBlank();
	}

}
