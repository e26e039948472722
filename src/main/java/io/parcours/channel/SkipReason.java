package io.parcours.channel;

/**
 * The reasons recorded on a message that was not sent, or not yet, so "why did Ana not
 * get it?" has an answer in one query:
 * {@code select template, status, reason from message where contact_id = 'ana'}.
 */
public final class SkipReason {

	public static final String UNKNOWN_CONTACT = "unknown-contact";

	public static final String NO_CONSENT = "no-consent";

	public static final String NO_ADDRESS = "no-address";

	/** Followed by the suppression's reason: {@code suppressed:hard-bounce}. */
	public static final String SUPPRESSED = "suppressed:";

	/** The contact already had the maximum of marketing messages within the window. */
	public static final String FREQUENCY_CAP = "frequency-cap";

	/**
	 * A deferred message:
	 * {@code quiet-hours: deferred until 2026-03-29T08:00+02:00[Europe/Paris]}.
	 */
	public static final String QUIET_HOURS = "quiet-hours";

	/**
	 * A deferred message, or one waiting to be retried, whose journey ended before it
	 * went (an order, say).
	 */
	public static final String JOURNEY_ENDED = "journey-ended";

	/**
	 * The step was cancelled while its job waited for the contact: its part of the
	 * journey was interrupted (a lead handed to sales during a nurturing email).
	 */
	public static final String STEP_CANCELLED = "step-cancelled";

	/** A message still waiting to go when its contact was erased. */
	public static final String CONTACT_ERASED = "contact-erased";

	/** A deferred message whose step was started again (by ops) under a new attempt. */
	public static final String STEP_RESTARTED = "step-restarted";

	private SkipReason() {
	}

}
