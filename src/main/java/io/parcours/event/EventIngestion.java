package io.parcours.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.cart.Carts;
import io.parcours.config.ConcurrentUpdate;
import io.parcours.config.DatabaseUnavailable;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;
import io.parcours.contact.ContactService;
import io.parcours.contact.Orders;
import io.parcours.journey.JourneySuspended;
import io.parcours.journey.SimulatedNow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Receives events: checks them, then stores and processes each in one transaction, so an
 * event is never acted on without being stored, nor stored as processed without its
 * effects. Processing that fails rolls back and the event is stored alone, due for a
 * retry: an accepted event is never lost, even when the node stops right after answering.
 */
@Service
public class EventIngestion {

	private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

	/** The size of {@code inbound_event.payload}. */
	static final int MAX_PAYLOAD = 1_000_000;

	private static final Duration CLOCK_LEEWAY = Duration.ofMinutes(5);

	static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");

	private final EventProperties properties;

	private final InboundEvents events;

	private final EventProcessor processor;

	private final ContactService contacts;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final Duration retryAfter;

	private final Duration retryInterval;

	private final Orders orders;

	private final Carts carts;

	private final EventsInFlight inFlight;

	EventIngestion(EventProperties properties, InboundEvents events, EventProcessor processor, EventsInFlight inFlight,
			ContactService contacts, Orders orders, Carts carts, ObjectMapper mapper, Clock clock,
			@Value("${parcours.events.retry-after:30s}") Duration retryAfter,
			@Value("${parcours.events.retry-interval:10s}") Duration retryInterval) {
		this.retryInterval = retryInterval;
		this.properties = properties;
		this.orders = orders;
		this.carts = carts;
		this.events = events;
		this.processor = processor;
		this.inFlight = inFlight;
		this.contacts = contacts;
		this.mapper = mapper;
		this.clock = clock;
		this.retryAfter = retryAfter;
	}

	public EventReceipt accept(EventRequest request) {
		properties.parse(request.type(), request.properties());
		// a test run's events happen at its simulated moment, ahead of the clock
		checkWhen(request.occurredAt(), SimulatedNow.of(clock));
		return inFlight.once(request.id(), () -> acceptChecked(request));
	}

	private EventReceipt acceptChecked(EventRequest request) {
		Instant now = clock.instant();
		Instant latest = SimulatedNow.of(clock);
		if (events.find(request.id()).isPresent()) {
			// sent again after its contact was erased: still the event already taken
			return duplicate(request.id());
		}
		if (request.contact() == null && !contacts.exists(request.contactId())) {
			throw new RefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown contact", "contactId",
					"contactId '" + request.contactId() + "' is unknown: send a 'contact' block to create the contact");
		}
		checkOwner(request);
		Instant occurredAt = occurredAt(request.occurredAt(), now, latest);
		String payload = json(request);
		if (payload.length() > MAX_PAYLOAD) {
			throw new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Event too large", "properties",
					"the event takes " + payload.length() + " characters as JSON; at most " + MAX_PAYLOAD);
		}
		try {
			ConcurrentUpdate.retry(() -> processor.storeAndProcess(request, payload, occurredAt, now));
			return new EventReceipt(request.id(), false, true);
		}
		catch (InboundEvents.DuplicateEvent seenBefore) {
			return duplicate(request.id());
		}
		catch (RefusedException refused) {
			// what the request says cannot be (an order another contact took meanwhile):
			// refused, not stored to fail again
			throw refused;
		}
		catch (RuntimeException e) {
			if (DatabaseUnavailable.causedBy(e)) {
				throw e;
			}
			return storeForRetry(request, payload, occurredAt, now, e);
		}
	}

	/**
	 * An order id names one order of one contact: the same id for another contact
	 * (another shop's numbering, a mix-up) would be dropped as already recorded, and the
	 * contact's journeys would never convert. A cart id names one contact's cart: the
	 * same id for another contact would remind one person of another's cart.
	 */
	private void checkOwner(EventRequest request) {
		if (request.properties() == null) {
			return;
		}
		if (request.type() == EventType.ORDER_COMPLETED) {
			String orderId = String.valueOf(request.properties().get("orderId"));
			if (orders.ownerOf(orderId)
				.or(() -> events.waitingOrderOwner(orderId))
				.filter(owner -> !owner.equals(request.contactId()))
				.isPresent()) {
				throw orderOfAnotherContact(orderId);
			}
		}
		if (request.type() == EventType.CART_ABANDONED) {
			String cartId = String.valueOf(request.properties().get("cartId"));
			if (carts.ownerOf(cartId).filter(owner -> !owner.equals(request.contactId())).isPresent()) {
				throw cartOfAnotherContact(cartId);
			}
		}
	}

	static RefusedException cartOfAnotherContact(String cartId) {
		return new RefusedException(HttpStatus.CONFLICT, "Cart of another contact", "properties.cartId",
				"cart '" + cartId + "' is already recorded for another contact: give each cart its own id"
						+ " (prefix it with the shop's when several shops report to Parcours)");
	}

	static RefusedException orderOfAnotherContact(String orderId) {
		return new RefusedException(HttpStatus.CONFLICT, "Order of another contact", "properties.orderId",
				"order '" + orderId + "' is already recorded for another contact: give each order its own id"
						+ " (prefix it with the shop's when several shops report to Parcours)");
	}

	/**
	 * No earlier than 1900 (a year typed wrong, or far beyond what dates in the engine
	 * can hold), and at most a few minutes ahead of our clock: a moment in the future
	 * would outrank every later change of the contact (a consent withdrawn tomorrow is
	 * older than one given "in 2099"), and an importer's epoch in milliseconds read as
	 * seconds lands there.
	 */
	private static void checkWhen(Instant occurredAt, Instant now) {
		if (occurredAt != null && occurredAt.isBefore(EARLIEST)) {
			throw new InvalidFieldException("occurredAt",
					"is before " + EARLIEST + " (" + occurredAt + "): no event of a customer happened then");
		}
		if (occurredAt != null && occurredAt.isAfter(now.plus(CLOCK_LEEWAY))) {
			throw new InvalidFieldException("occurredAt", "is in the future (" + occurredAt + "); at most "
					+ CLOCK_LEEWAY.toMinutes() + " minutes ahead of the server's clock (" + now + ")");
		}
	}

	/**
	 * When the event happened: a moment the client's clock put a few minutes ahead of
	 * ours happened now (a withdrawal dated "in 4 minutes" would otherwise outrank the
	 * consent given anew in between); stored in microseconds, so that compared later with
	 * what is stored, it stays itself.
	 */
	private static Instant occurredAt(Instant sent, Instant now, Instant latest) {
		if (sent == null) {
			return now;
		}
		return (sent.isAfter(latest) ? latest : sent).truncatedTo(ChronoUnit.MICROS);
	}

	/**
	 * Checks an event's properties without storing it (bad fields named as in the API).
	 */
	public void check(EventType type, Map<String, Object> eventProperties) {
		properties.parse(type, eventProperties);
	}

	/**
	 * Processing failed and rolled back: the event is stored on its own, due for a retry.
	 * If even that fails (the database is gone) the failure reaches the client, which
	 * sends the event again.
	 */
	private EventReceipt storeForRetry(EventRequest request, String payload, Instant occurredAt, Instant now,
			RuntimeException failure) {
		log.warn("Processing of event {} failed, stored for a retry: {}", request.id(), failure.toString());
		if (!events.insertIfAbsent(request, payload, occurredAt, now, retryAfter)) {
			return duplicate(request.id());
		}
		recordFailure(request.id(), failure);
		if (request.contact() != null) {
			createContact(request, occurredAt);
		}
		return new EventReceipt(request.id(), false, false);
	}

	private void createContact(EventRequest request, Instant occurredAt) {
		try {
			processor.createContact(request, occurredAt);
		}
		catch (RuntimeException e) {
			log.warn("Contact {} of event {} not created before the event's retry: {}", request.contactId(),
					request.id(), e.toString());
		}
	}

	private EventReceipt duplicate(String id) {
		boolean processed = events.find(id).map(e -> StoredEvent.PROCESSED.equals(e.status())).orElse(false);
		return new EventReceipt(id, true, processed);
	}

	/**
	 * Processes a stored event (again); on failure records the attempt for a later retry.
	 */
	boolean process(String id) {
		try {
			ConcurrentUpdate.retry(() -> processor.process(id));
			return true;
		}
		catch (RefusedException refused) {
			// a race the check at receipt could not see (two contacts' orders with one id
			// at
			// once): retrying would be refused for ever
			log.warn("Event {} refused at its retry, set aside: {}", id, refused.getMessage());
			events.refuse(id, refused.getMessage(), clock.instant());
			return false;
		}
		catch (RuntimeException e) {
			log.warn(
					"Processing of event {} failed, will retry (parcours_events_awaiting_retry counts such events): {}",
					id, e.toString());
			recordFailure(id, e);
			return false;
		}
	}

	/**
	 * The event is stored and due again from its receipt on, so a failure that cannot
	 * even be recorded (the database just went away) only loses the attempt count.
	 */
	private void recordFailure(String id, RuntimeException failure) {
		try {
			if (waitsForResumedJourney(failure)) {
				events.recordFailure(id, failure.toString(), clock.instant(), retryInterval, false);
			}
			else {
				events.recordFailure(id, failure.toString(), clock.instant(), retryAfter, true);
			}
		}
		catch (RuntimeException e) {
			log.warn("Failed processing of event {} not recorded, the retry will find it anyway: {}", id, e.toString());
		}
	}

	/** A suspended journey may be resumed at any moment: no growing delays. */
	private static boolean waitsForResumedJourney(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof JourneySuspended) {
				return true;
			}
		}
		return false;
	}

	private String json(EventRequest request) {
		try {
			return mapper.writeValueAsString(request);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Event " + request.id() + " cannot be serialised", e);
		}
	}

}
