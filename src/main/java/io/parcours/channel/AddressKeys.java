package io.parcours.channel;

import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;

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
		return DigestUtils.sha256Hex(address.trim().toLowerCase(Locale.ROOT));
	}

}
