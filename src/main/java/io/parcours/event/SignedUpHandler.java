package io.parcours.event;

import java.time.Instant;
import java.util.Map;

import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** {@code contact.signed_up} starts the welcome series. */
@Component
class SignedUpHandler implements EventHandler<NoProperties> {

	private static final Logger log = LoggerFactory.getLogger(SignedUpHandler.class);

	private final Journeys journeys;

	private final ContactService contacts;

	SignedUpHandler(Journeys journeys, ContactService contacts) {
		this.journeys = journeys;
		this.contacts = contacts;
	}

	@Override
	public EventType type() {
		return EventType.SIGNED_UP;
	}

	/**
	 * Once per contact: a sign-up sent again (a re-subscription, an importer's replay
	 * under new ids) would welcome a known customer anew, first-order coupon included. A
	 * person erased, whose id signs up again, is a contact anew (created since):
	 * welcomed.
	 */
	@Override
	public void handle(ReceivedEvent<NoProperties> event) {
		Instant contactSince = contacts.find(event.contactId()).map(Contact::createdAt).orElse(Instant.EPOCH);
		if (journeys.hasEnteredSince(ProcessKeys.WELCOME, event.contactId(), contactSince)) {
			log.info("Contact {} signed up again ({}): welcomed before, the welcome series does not start again",
					event.contactId(), event.id());
			return;
		}
		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, event.contactId(), Map.of());
	}

}
