package io.parcours.journey;

import io.parcours.config.TaskCompletionLock;
import io.parcours.contact.ContactService;

import org.springframework.stereotype.Component;

/**
 * A task's completion locks its contact first, as event processing does: a lead's
 * activity arriving at the moment the rep decides waits, or makes the decision wait,
 * instead of both colliding in the engine's variables.
 */
@Component
class ContactLockedFirst implements TaskCompletionLock {

	private final ContactService contacts;

	ContactLockedFirst(ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	public void lock(String businessKey) {
		if (businessKey != null) {
			contacts.lock(businessKey);
		}
	}

}
