package io.parcours.event;

import java.time.Instant;

/**
 * An order recorded for a contact and passed to the journeys waiting for it, in the
 * event's transaction: what else an order changes listens to this.
 */
public record OrderApplied(String contactId, String orderId, Instant orderedAt) {
}
