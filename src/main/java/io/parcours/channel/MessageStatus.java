package io.parcours.channel;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a message stands. Provider webhooks move a sent message on to delivered, opened,
 * clicked, or to bounced and failed; never back, and never on from bounced or failed (an
 * open reported after a bounce is a mail scanner's, not the contact's).
 */
public enum MessageStatus {

	/**
	 * Committed before the provider call: found again after a crash, it means "outcome
	 * unknown".
	 */
	SENDING(0),
	/** The last provider call failed in a way worth retrying; the job will try again. */
	RETRYING(0),
	/**
	 * The provider kept failing and the step used its last retry: an incident waits in
	 * Cockpit, and an ops retry sends it.
	 */
	INCIDENT(0), SENT(1), DELIVERED(2), OPENED(4), CLICKED(5), BOUNCED(3),
	/** Refused for good (invalid address, provider rejection, undelivered). */
	FAILED(3),
	/**
	 * Not sent on purpose; the reason says why (no consent, suppressed, frequency
	 * cap...).
	 */
	SKIPPED(-1),
	/**
	 * Quiet hours in the contact's time zone: the step waits until {@code deferredUntil},
	 * then the policy decides again.
	 */
	DEFERRED(-1),
	/**
	 * The node stopped during the provider call: never sent again, counted apart; a
	 * provider webhook may still tell what became of it.
	 */
	UNKNOWN(0);

	private final int progress;

	MessageStatus(int progress) {
		this.progress = progress;
	}

	/** The provider failed to take it, and the step will try again (or ops will). */
	public boolean awaitsRetry() {
		return this == RETRYING || this == INCIDENT;
	}

	/** The statuses a provider event may move on to this one (its progress is higher). */
	public List<MessageStatus> advancesFrom() {
		return Arrays.stream(values()).filter(s -> s.progress >= 0 && s.progress < progress && !s.failed()).toList();
	}

	/**
	 * Bounced or refused for good: nothing the provider reports later is the contact's
	 * doing.
	 */
	public boolean failed() {
		return this == BOUNCED || this == FAILED;
	}

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static MessageStatus fromValue(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return value();
	}

}
