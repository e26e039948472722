package io.parcours.channel;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * An email address as the suppression list keeps it: the SHA-256 of the address in lower
 * case, so a suppressed address is recognised on any contact that has it, in any case,
 * and outlives the erasure of the person without keeping the address itself.
 */
public final class AddressKeys {

	private AddressKeys() {
	}

	/** The key of the address; null when there is no address. */
	public static String ofEmail(String address) {
		if (address == null || address.isBlank()) {
			return null;
		}
		String usual = address.trim().toLowerCase(Locale.ROOT);
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(usual.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException e) {
			throw new IllegalStateException("Every JVM has SHA-256", e);
		}
	}

}
