package io.parcours.channel;

/**
 * The reasons recorded on a message that was not sent, so "why did Ana not get it?" has
 * an answer.
 */
public final class SkipReason {

	public static final String UNKNOWN_CONTACT = "unknown-contact";

	public static final String NO_CONSENT = "no-consent";

	public static final String NO_ADDRESS = "no-address";

	private SkipReason() {
	}

}
