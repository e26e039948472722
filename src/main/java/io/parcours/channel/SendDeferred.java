package io.parcours.channel;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import io.parcours.journey.Deferral;

/**
 * Thrown by a send step whose message falls in the contact's quiet hours: the step's job
 * waits until they end, without using a retry or raising an incident.
 */
public class SendDeferred extends RuntimeException implements Deferral {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm");

	private final Instant until;

	SendDeferred(ZonedDateTime until) {
		super("deferred until " + TIME.format(until) + " " + until.getZone().getId() + " (quiet hours)", null, false,
				false);
		this.until = until.toInstant();
	}

	@Override
	public Instant until() {
		return until;
	}

}
