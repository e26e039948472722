package io.parcours.channel.provider;

import java.util.Map;
import java.util.Optional;

import io.parcours.channel.Suppressions;

/**
 * Twilio error codes meaning this recipient cannot receive our SMS, ever or until they
 * opt in again, and the suppression each means: the same whether Twilio answers them when
 * we send or in a status callback later (with a Messaging Service). Not 21408 (our
 * account may not send to the number's region): that is ours to fix, an incident, not the
 * contact's lost consent; nor 30003 (handset off), which passes.
 */
public final class TwilioRecipientErrors {

	static final int OPTED_OUT = 21610;

	private static final Map<Integer, String> SUPPRESSIONS = Map.of(OPTED_OUT, Suppressions.OPTED_OUT, 21211,
			Suppressions.INVALID_NUMBER, 21214, Suppressions.INVALID_NUMBER, 21217, Suppressions.INVALID_NUMBER, 21407,
			Suppressions.INVALID_NUMBER, 21612, Suppressions.INVALID_NUMBER, 21614, Suppressions.INVALID_NUMBER, 30005,
			Suppressions.INVALID_NUMBER, 30006, Suppressions.INVALID_NUMBER);

	private TwilioRecipientErrors() {
	}

	/** The suppression a Twilio error code means, if it is the recipient's. */
	public static Optional<String> suppression(Integer code) {
		return Optional.ofNullable(code == null ? null : SUPPRESSIONS.get(code));
	}

	/** The same, for a code as a status callback gives it (text). */
	public static Optional<String> suppression(String code) {
		try {
			return code == null ? Optional.empty() : suppression(Integer.valueOf(code.strip()));
		}
		catch (NumberFormatException notACode) {
			return Optional.empty();
		}
	}

}
