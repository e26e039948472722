package io.parcours.channel.webhook;

import java.util.Locale;

import io.parcours.config.ParcoursMeters;
import io.parcours.config.RefusedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The verdict on a webhook's signature. Webhooks are public (no login, no CSRF token): a
 * request that is not signed by the provider changes nothing.
 */
enum SignatureCheck {

	VALID, NOT_CONFIGURED, MISSING, INVALID;

	private static final Logger log = LoggerFactory.getLogger(SignatureCheck.class);

	/**
	 * Refuses the request unless its signature is valid ({@code 401}/{@code 403} problem
	 * naming the signature), counted in {@code parcours_webhooks_rejected_total}.
	 */
	void requireValid(String provider, String setting, ParcoursMeters meters) {
		if (this == VALID) {
			return;
		}
		// a key missing from the settings is ours to fix; a missing or wrong signature,
		// the caller's (or an attack)
		meters.webhookRejected(provider.toLowerCase(Locale.ROOT),
				this == NOT_CONFIGURED ? "no-key" : this == MISSING ? "no-signature" : "signature");
		throw switch (this) {
			case NOT_CONFIGURED -> {
				log.warn("{} webhook refused: no verification key configured ({}); unsigned input is never accepted",
						provider, setting);
				yield new RefusedException(HttpStatus.FORBIDDEN, "Webhook not configured", "signature",
						"Parcours has no " + provider + " verification key, so it accepts no " + provider
								+ " webhook: ops set " + setting + ".");
			}
			case MISSING -> {
				log.warn("{} webhook refused: no signature", provider);
				yield new RefusedException(HttpStatus.UNAUTHORIZED, "Unsigned webhook", "signature",
						"The request carries no " + provider + " signature.");
			}
			default -> {
				log.warn("{} webhook refused: wrong signature", provider);
				yield new RefusedException(HttpStatus.FORBIDDEN, "Wrong signature", "signature",
						"The request's " + provider + " signature does not match.");
			}
		};
	}

}
