package io.parcours.channel;

import java.util.Locale;

import org.apache.commons.codec.digest.DigestUtils;

/**
 * An address as the suppression list keeps it: the SHA-256 of the email address in lower
 * case, or of the phone number in E.164, so a suppressed address is recognised on any
 * contact that has it, and outlives the erasure of the person without keeping the address
 * itself.
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

	/** The key of a phone number in E.164; null when there is none. */
	public static String ofPhone(String e164) {
		if (e164 == null || e164.isBlank()) {
			return null;
		}
		return DigestUtils.sha256Hex("tel:" + e164.trim());
	}

}
