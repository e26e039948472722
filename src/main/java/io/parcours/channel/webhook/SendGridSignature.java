package io.parcours.channel.webhook;

import java.security.GeneralSecurityException;
import java.security.Security;
import java.security.interfaces.ECPublicKey;

import com.sendgrid.helpers.eventwebhook.EventWebhook;

import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.springframework.stereotype.Component;

/**
 * Verifies SendGrid's signed Event Webhook: an ECDSA (P-256, SHA-256) signature over the
 * timestamp header followed by the raw body bytes, checked with sendgrid-java's own
 * verifier against the verification key from SendGrid's Mail Settings.
 */
@Component
class SendGridSignature {

	private final EventWebhook verifier = new EventWebhook();

	private final ECPublicKey key;

	SendGridSignature(WebhookProperties settings) {
		if (Security.getProvider(BouncyCastleProvider.PROVIDER_NAME) == null) {
			Security.addProvider(new BouncyCastleProvider());
		}
		this.key = parse(settings.sendgridPublicKey());
	}

	SignatureCheck check(byte[] body, String signature, String timestamp) {
		if (key == null) {
			return SignatureCheck.NOT_CONFIGURED;
		}
		if (signature == null || signature.isBlank() || timestamp == null || timestamp.isBlank()) {
			return SignatureCheck.MISSING;
		}
		try {
			return verifier.VerifySignature(key, body, signature, timestamp) ? SignatureCheck.VALID
					: SignatureCheck.INVALID;
		}
		catch (GeneralSecurityException | IllegalArgumentException | java.io.IOException malformed) {
			return SignatureCheck.INVALID;
		}
	}

	private ECPublicKey parse(String publicKey) {
		if (publicKey == null || publicKey.isBlank()) {
			return null;
		}
		try {
			return verifier.ConvertPublicKeyToECDSA(publicKey.strip());
		}
		catch (GeneralSecurityException | IllegalArgumentException e) {
			throw new IllegalStateException("PARCOURS_SENDGRID_WEBHOOK_PUBLIC_KEY is not a SendGrid verification key "
					+ "(base64 of an EC public key): " + e.getMessage(), e);
		}
	}

}
