package io.parcours.event;

import io.parcours.contact.ContactService;

import org.springframework.stereotype.Component;

/**
 * {@code contact.unsubscribed}: consent withdrawn at once, before any further message is
 * decided.
 */
@Component
class UnsubscribedHandler implements EventHandler<Unsubscribed> {

	private final ContactService contacts;

	UnsubscribedHandler(ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	public EventType type() {
		return EventType.UNSUBSCRIBED;
	}

	@Override
	public void handle(ReceivedEvent<Unsubscribed> event) {
		contacts.withdrawConsent(event.contactId(), event.properties().channel().channels(), event.occurredAt(),
				"event:" + event.id());
	}

}
