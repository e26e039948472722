package io.parcours.event;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.parcours.contact.ContactErased;
import io.parcours.journey.JourneySuspended;

import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The inbox: every event is stored here before anything acts on it. Its primary key is
 * the client's event id, which makes a repeated event, even one arriving at the same
 * moment twice, a no-op.
 */
@Repository
class InboundEvents {

	/** What is left of an erased person's event. */
	private static final String ERASED = "{\"erased\":true}";

	private final JdbcClient jdbc;

	InboundEvents(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Stores a new event, committed on its own; false when its id was seen before. */
	boolean insertIfAbsent(EventRequest request, String payload, Instant occurredAt, Instant now, Duration retryAfter) {
		try {
			jdbc.sql(
					"""
							insert into inbound_event (id, type, contact_id, occurred_at, received_at, payload, status, next_attempt_at,
							  order_id)
							values (?, ?, ?, ?, ?, ?, 'RECEIVED', ?, ?)""")
				.params(request.id(), request.type().value(), request.contactId(), at(occurredAt), at(now), payload,
						at(now.plus(retryAfter)), orderIdOf(request))
				.update();
			return true;
		}
		catch (DuplicateKeyException seenBefore) {
			return false;
		}
	}

	/**
	 * Stores a new event as processed, inside the transaction that processes it: both
	 * commit together or not at all. Throws {@link DuplicateEvent} when its id was seen
	 * before (the transaction must then roll back: on PostgreSQL it cannot go on).
	 */
	void insertProcessed(EventRequest request, String payload, Instant occurredAt, Instant now) {
		try {
			jdbc.sql(
					"""
							insert into inbound_event (id, type, contact_id, occurred_at, received_at, payload, status, attempts, next_attempt_at, processed_at)
							values (?, ?, ?, ?, ?, ?, 'PROCESSED', 1, ?, ?)""")
				.params(request.id(), request.type().value(), request.contactId(), at(occurredAt), at(now), payload,
						at(now), at(now))
				.update();
		}
		catch (DuplicateKeyException seenBefore) {
			throw new DuplicateEvent(request.id());
		}
	}

	/** A new event's id was seen before. */
	static class DuplicateEvent extends RuntimeException {

		DuplicateEvent(String id) {
			super("event " + id + " was received before");
		}

	}

	/**
	 * Marks the event processed as the first statement of its processing transaction: the
	 * row lock makes a concurrent processor of the same event wait, then find it
	 * processed and do nothing.
	 */
	boolean claim(String id, Instant now) {
		return jdbc.sql(
				"update inbound_event set status = 'PROCESSED', processed_at = ?, attempts = attempts + 1, last_error = null where id = ? and status = 'RECEIVED'")
			.params(at(now), id)
			.update() == 1;
	}

	Optional<StoredEvent> find(String id) {
		return jdbc.sql("select * from inbound_event where id = ?")
			.param(id)
			.query((rs, row) -> new StoredEvent(rs.getString("id"), EventType.fromValue(rs.getString("type")),
					rs.getString("contact_id"), instant(rs, "occurred_at"), instant(rs, "received_at"),
					rs.getString("payload"), rs.getString("status"), rs.getInt("attempts"), rs.getString("last_error")))
			.optional();
	}

	/**
	 * A failed processing attempt: retried after {@code firstDelay}, then with doubling
	 * delays, up to 128 times the first one, for as long as it takes; or, when
	 * {@code backOff} is false (what it waits for may come back at any moment), after
	 * {@code firstDelay} each time. An event answered 202 is never given up: what makes
	 * it fail (a broken diagram, a database down, a suspended journey) gets fixed, and
	 * the event then counts.
	 */
	void recordFailure(String id, String error, Instant now, Duration firstDelay, boolean backOff) {
		int attempts = jdbc.sql("select attempts from inbound_event where id = ?")
			.param(id)
			.query(Integer.class)
			.single() + 1;
		Duration delay = backOff ? firstDelay.multipliedBy(1L << Math.min(attempts - 1, 7)) : firstDelay;
		jdbc.sql("""
				update inbound_event set attempts = ?, last_error = ?, next_attempt_at = ?
				where id = ? and status = 'RECEIVED'""")
			.params(attempts, truncated(error), at(now.plus(delay)), id)
			.update();
	}

	/**
	 * A waiting event that can never be processed: set aside with the reason, not
	 * retried.
	 */
	void refuse(String id, String reason, Instant now) {
		jdbc.sql("""
				update inbound_event set status = 'REFUSED', attempts = attempts + 1, last_error = ?, processed_at = ?
				where id = ? and status = 'RECEIVED'""").params(truncated(reason), at(now), id).update();
	}

	/** What fits {@code inbound_event.last_error}. */
	private static String truncated(String error) {
		return error.length() > 1000 ? error.substring(0, 1000) : error;
	}

	/**
	 * The contact whose order event, waiting for its retry, holds this order id: the id
	 * is theirs as much as a recorded order's.
	 */
	Optional<String> waitingOrderOwner(String orderId) {
		return jdbc.sql("select contact_id from inbound_event where order_id = ? and status = 'RECEIVED'")
			.param(orderId)
			.query(String.class)
			.list()
			.stream()
			.findFirst();
	}

	private static String orderIdOf(EventRequest request) {
		return request.type() == EventType.ORDER_COMPLETED && request.properties() != null
				&& request.properties().get("orderId") instanceof String orderId ? orderId : null;
	}

	/**
	 * Makes the events that failed on a suspended journey due now (those due already too:
	 * the next retry may be seconds away); how many.
	 */
	int dueNowWaitingForSuspendedJourneys(Instant now) {
		return jdbc.sql("""
				update inbound_event set next_attempt_at = ?
				where status = 'RECEIVED' and last_error like ?""")
			.params(at(now), JourneySuspended.class.getName() + "%")
			.update();
	}

	/** Events whose processing failed at least once and waits for its retry. */
	long awaitingRetry() {
		return jdbc.sql("select count(*) from inbound_event where status = 'RECEIVED' and attempts > 0")
			.query(Long.class)
			.single();
	}

	List<String> due(Instant now, int limit) {
		return jdbc.sql(
				"select id from inbound_event where status = 'RECEIVED' and next_attempt_at <= ? order by next_attempt_at limit ?")
			.params(at(now), limit)
			.query(String.class)
			.list();
	}

	@EventListener
	void scrub(ContactErased erased) {
		jdbc.sql("update inbound_event set payload = ? where contact_id = ?")
			.params(ERASED, erased.contactId())
			.update();
		erased.refile(jdbc, "inbound_event");
	}

	/** One event of a contact erased before it was processed. */
	void scrub(String eventId) {
		jdbc.sql("update inbound_event set payload = ? where id = ?").params(ERASED, eventId).update();
	}

}
