package io.parcours.event;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.config.RefusedException;
import io.parcours.contact.ContactService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Receives events: checks them, stores them (committed before anything acts on them),
 * then processes them at once. Processing that fails leaves the event stored and due for
 * a retry, so an accepted event is never lost, even when the node stops right after
 * answering.
 */
@Service
public class EventIngestion {

	private static final Logger log = LoggerFactory.getLogger(EventIngestion.class);

	static final int CONFLICT_ATTEMPTS = 5;

	private final EventProperties properties;

	private final InboundEvents events;

	private final EventProcessor processor;

	private final ContactService contacts;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final Duration retryAfter;

	EventIngestion(EventProperties properties, InboundEvents events, EventProcessor processor, ContactService contacts,
			ObjectMapper mapper, Clock clock, @Value("${parcours.events.retry-after:30s}") Duration retryAfter) {
		this.properties = properties;
		this.events = events;
		this.processor = processor;
		this.contacts = contacts;
		this.mapper = mapper;
		this.clock = clock;
		this.retryAfter = retryAfter;
	}

	public EventReceipt accept(EventRequest request) {
		properties.parse(request.type(), request.properties());
		if (request.contact() == null && !contacts.exists(request.contactId())) {
			throw new RefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown contact", "contactId",
					"contactId '" + request.contactId() + "' is unknown: send a 'contact' block to create the contact");
		}
		Instant now = clock.instant();
		Instant occurredAt = request.occurredAt() != null ? request.occurredAt() : now;
		if (!events.insertIfAbsent(request, json(request), occurredAt, now, retryAfter)) {
			boolean processed = events.find(request.id())
				.map(e -> StoredEvent.PROCESSED.equals(e.status()))
				.orElse(false);
			return new EventReceipt(request.id(), true, processed);
		}
		return new EventReceipt(request.id(), false, process(request.id()));
	}

	/**
	 * Processes a stored event; on failure records the attempt for a later retry. A
	 * conflict with a job running on the same journey at that moment (on this node or
	 * another) is retried at once: the whole processing transaction rolled back, and the
	 * event would otherwise wait for the next retry while its journey moves on.
	 */
	boolean process(String id) {
		for (int attempt = 1;; attempt++) {
			try {
				processor.process(id);
				return true;
			}
			catch (RuntimeException e) {
				if (attempt < CONFLICT_ATTEMPTS && ConcurrentUpdate.causedBy(e)) {
					log.info("Event {} met a concurrent update of its journey (attempt {}), trying again", id, attempt);
					ConcurrentUpdate.pause(attempt);
					continue;
				}
				log.warn("Processing of event {} failed, will retry: {}", id, e.toString());
				recordFailure(id, e);
				return false;
			}
		}
	}

	/**
	 * The event is stored and due again from its receipt on, so a failure that cannot
	 * even be recorded (the database just went away) only loses the attempt count.
	 */
	private void recordFailure(String id, RuntimeException failure) {
		try {
			events.recordFailure(id, failure.toString(), clock.instant(), retryAfter);
		}
		catch (RuntimeException e) {
			log.warn("Failed processing of event {} not recorded, the retry will find it anyway: {}", id, e.toString());
		}
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
