package io.parcours.event;

import java.time.Instant;

/**
 * A row of {@code inbound_event}: the event as received, and where its processing stands.
 */
record StoredEvent(String id, EventType type, String contactId, Instant occurredAt, Instant receivedAt, String payload,
		String status, int attempts, String lastError) {

	static final String RECEIVED = "RECEIVED";

	static final String PROCESSED = "PROCESSED";

	/**
	 * Refused at a retry for what it says (its order id recorded meanwhile for another
	 * contact): it could never be processed, so it is no longer retried.
	 */
	static final String REFUSED = "REFUSED";

}
