package io.parcours.event;

import java.time.Instant;

/** A stored event, its properties typed, as handlers see it. */
public record ReceivedEvent<P>(String id, EventType type, String contactId, Instant occurredAt, P properties) {
}
