package io.parcours.sales;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * POSTs an opportunity as JSON to the CRM webhook, with an {@code Idempotency-Key} that
 * stays the same across retries and, if a secret is set, an HMAC signature of the body.
 */
class CrmWebhook {

	private final RestClient http;

	private final CrmProperties properties;

	CrmWebhook(CrmProperties properties) {
		this.properties = properties;
		var factory = new JdkClientHttpRequestFactory(
				HttpClient.newBuilder().connectTimeout(properties.timeout()).build());
		factory.setReadTimeout(properties.timeout());
		this.http = RestClient.builder().requestFactory(factory).build();
	}

	/** The HTTP status the CRM answered; IO failures throw {@link CrmException}. */
	HttpStatusCode post(String idempotencyKey, String json) {
		try {
			return http.post()
				.uri(properties.webhookUrl())
				.contentType(MediaType.APPLICATION_JSON)
				.header("Idempotency-Key", idempotencyKey)
				.headers(headers -> {
					if (properties.webhookSecret() != null && !properties.webhookSecret().isBlank()) {
						headers.set("X-Parcours-Signature", "sha256=" + sign(json, properties.webhookSecret()));
					}
				})
				.body(json)
				.exchange((request, response) -> response.getStatusCode());
		}
		catch (ResourceAccessException e) {
			throw new CrmException.Unavailable("CRM webhook unreachable: " + e.getMessage(), null);
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
