package io.parcours.channel;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a message stands. Provider webhooks move a sent message on to delivered, opened,
 * ...
 */
public enum MessageStatus {

	/**
	 * Committed before the provider call: found again after a crash, it means "outcome
	 * unknown".
	 */
	SENDING,
	/** The last provider call failed in a way worth retrying; the job will try again. */
	RETRYING, SENT, DELIVERED, OPENED, CLICKED, BOUNCED,
	/** Refused for good (invalid address, provider rejection, retries exhausted). */
	FAILED,
	/** Not sent on purpose; the reason says why (no consent, no address, ...). */
	SKIPPED,
	/** The node stopped during the provider call: never sent again, counted apart. */
	UNKNOWN;

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
