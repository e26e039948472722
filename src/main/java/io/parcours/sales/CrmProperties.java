package io.parcours.sales;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Where accepted leads go as opportunities ({@code parcours.crm.*}).
 *
 * @param target {@code log} (recorded and logged, nothing leaves) or {@code webhook}
 * @param webhookUrl the CRM endpoint receiving a JSON POST per opportunity
 * @param webhookSecret when set, each POST carries {@code X-Parcours-Signature:
 * sha256=<HMAC of the body>}
 * @param timeout connect and read timeout of the POST
 */
@ConfigurationProperties("parcours.crm")
public record CrmProperties(@DefaultValue("log") Target target, URI webhookUrl, String webhookSecret,
		@DefaultValue("10s") @DurationUnit(ChronoUnit.SECONDS) Duration timeout) {

	public CrmProperties {
		webhookUrl = webhookUrl == null || webhookUrl.toString().isBlank() ? null : webhookUrl;
		if (timeout.isNegative() || timeout.isZero()) {
			throw new IllegalArgumentException("parcours.crm.timeout must be positive (10s, or 10 for seconds)");
		}
		if (target == Target.WEBHOOK && webhookUrl == null) {
			throw new IllegalArgumentException("parcours.crm.target is webhook: set parcours.crm.webhook-url");
		}
		if (webhookUrl != null && !isHttpUrl(webhookUrl)) {
			// refused now, not at the first accepted lead's push (retried for half an
			// hour)
			throw new IllegalArgumentException("parcours.crm.webhook-url must be an http(s) URL with a host, such as"
					+ " https://crm.example.com/opportunities (it was '" + webhookUrl + "')");
		}
	}

	private static boolean isHttpUrl(URI url) {
		return ("https".equalsIgnoreCase(url.getScheme()) || "http".equalsIgnoreCase(url.getScheme()))
				&& url.getHost() != null;
	}

	public enum Target {

		LOG, WEBHOOK

	}

}
