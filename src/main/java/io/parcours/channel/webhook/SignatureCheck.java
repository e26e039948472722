package io.parcours.channel.webhook;

import java.util.Locale;

import io.parcours.config.ParcoursMeters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The verdict on a webhook's signature. Webhooks are public (no login, no CSRF token): a
 * request that is not signed by the provider changes nothing.
 */
enum SignatureCheck {

	VALID, NOT_CONFIGURED, MISSING, INVALID;

	private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);

	/**
	 * The answer refusing the request, counted in
	 * {@code parcours_webhooks_rejected_total}, or null when the signature is valid.
	 */
	ResponseEntity<Void> refusal(String provider, String setting, ParcoursMeters meters) {
		if (this != VALID) {
			// a key missing from the settings is ours to fix; a missing or wrong
			// signature, the caller's (or an attack)
			meters.webhookRejected(provider.toLowerCase(Locale.ROOT),
					this == NOT_CONFIGURED ? "no-key" : this == MISSING ? "no-signature" : "signature");
		}
		return switch (this) {
			case VALID -> null;
			case NOT_CONFIGURED -> {
				log.warn("{} webhook refused: no verification key configured ({}); unsigned input is never accepted",
						provider, setting);
				yield ResponseEntity.status(HttpStatus.FORBIDDEN).build();
			}
			case MISSING -> {
				log.warn("{} webhook refused: no signature", provider);
				yield ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
			}
			case INVALID -> {
				log.warn("{} webhook refused: wrong signature", provider);
				yield ResponseEntity.status(HttpStatus.FORBIDDEN).build();
			}
		};
	}

}
