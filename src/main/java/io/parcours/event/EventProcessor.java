package io.parcours.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.contact.ContactService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Applies a stored event in one transaction: claims it, creates or updates the contact
 * from its {@code contact} block, locks the contact, and hands it to the handler of its
 * type. Either all of it commits, status included, or none of it and the event is
 * retried.
 */
@Service
class EventProcessor {

	private static final Logger log = LoggerFactory.getLogger(EventProcessor.class);

	private final InboundEvents events;

	private final ContactService contacts;

	private final ObjectMapper mapper;

	private final Clock clock;

	private final Map<EventType, EventHandler<?>> handlers;

	EventProcessor(InboundEvents events, ContactService contacts, ObjectMapper mapper, Clock clock,
			List<EventHandler<?>> handlers) {
		this.events = events;
		this.contacts = contacts;
		this.mapper = mapper;
		this.clock = clock;
		this.handlers = handlers.stream().collect(Collectors.toMap(EventHandler::type, Function.identity()));
	}

	@Transactional
	public void process(String id) {
		if (!events.claim(id, clock.instant())) {
			return;
		}
		StoredEvent stored = events.find(id).orElseThrow();
		EventRequest request = read(stored);
		if (lockOrCreateContact(stored, request)) {
			apply(stored, request);
		}
	}

	/**
	 * The first attempt at a new event: stored and applied in one transaction, from the
	 * request in hand (no second read). Throws {@link InboundEvents.DuplicateEvent} when
	 * the id was seen before; any failure rolls everything back, the caller then stores
	 * the event alone for a retry.
	 */
	@Transactional
	public void storeAndProcess(EventRequest request, String payload, Instant occurredAt, Instant now) {
		events.insertProcessed(request, payload, occurredAt, now);
		StoredEvent stored = new StoredEvent(request.id(), request.type(), request.contactId(), occurredAt, now,
				payload, StoredEvent.PROCESSED, 1, null);
		if (lockOrCreateContact(stored, request)) {
			apply(stored, request);
		}
	}

	/**
	 * The contact block of a new event whose processing failed and waits for its retry (a
	 * journey suspended by ops): the person exists meanwhile, so the client's next events
	 * about them are not refused as about an unknown contact. The retry merges the same
	 * block again, which changes nothing.
	 */
	@Transactional
	public void createContact(EventRequest request, Instant occurredAt) {
		contacts.merge(request.contactId(), request.contact(), occurredAt, "event:" + request.id());
	}

	private boolean lockOrCreateContact(StoredEvent stored, EventRequest request) {
		if (request.contact() != null) {
			createContact(request, stored.occurredAt());
			return true;
		}
		if (!contacts.lock(stored.contactId())) {
			// erased while this event was on its way: the erasure could not see this row
			// yet, so what it says of the person goes now
			events.scrub(stored.id());
			log.warn("Event {} skipped: contact {} no longer exists", stored.id(), stored.contactId());
			return false;
		}
		return true;
	}

	@SuppressWarnings("unchecked")
	private <P> void apply(StoredEvent stored, EventRequest request) {
		EventHandler<P> handler = (EventHandler<P>) handlers.get(stored.type());
		if (handler == null) {
			log.info("Event {} ({}) stored; no journey handles this type", stored.id(), stored.type());
			return;
		}
		P properties = (P) mapper.convertValue(request.properties(), stored.type().properties());
		handler.handle(
				new ReceivedEvent<>(stored.id(), stored.type(), stored.contactId(), stored.occurredAt(), properties));
	}

	private EventRequest read(StoredEvent stored) {
		try {
			return mapper.readValue(stored.payload(), EventRequest.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Stored event " + stored.id() + " cannot be read back", e);
		}
	}

}
