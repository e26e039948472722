package io.parcours.sales;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * POSTs an opportunity as JSON to the CRM webhook, with an {@code Idempotency-Key} that
 * stays the same across retries and, if a secret is set, an HMAC signature of the body.
 */
class CrmWebhook {

	private final HttpClient http;

	private final CrmProperties properties;

	CrmWebhook(CrmProperties properties) {
		this.properties = properties;
		this.http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(properties.timeout())
			.build();
	}

	/** The HTTP status the CRM answered; IO failures throw {@link CrmException}. */
	int post(String idempotencyKey, String json) {
		HttpRequest.Builder request = HttpRequest.newBuilder(properties.webhookUrl())
			.timeout(properties.timeout())
			.header("Content-Type", "application/json")
			.header("Idempotency-Key", idempotencyKey)
			.POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		if (properties.webhookSecret() != null && !properties.webhookSecret().isBlank()) {
			request.header("X-Parcours-Signature", "sha256=" + sign(json, properties.webhookSecret()));
		}
		try {
			return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
		}
		catch (IOException e) {
			throw new CrmException.Unavailable("CRM webhook unreachable: " + e, null);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new CrmException.Unavailable("interrupted while calling the CRM webhook", null);
		}
	}

	static String sign(String body, String secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException e) {
			throw new IllegalStateException("HmacSHA256 unavailable", e);
		}
	}

}
