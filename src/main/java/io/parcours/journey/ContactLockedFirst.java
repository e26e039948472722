package io.parcours.journey;

import java.util.function.Supplier;

import io.parcours.config.TaskCompletionLock;
import io.parcours.contact.ContactService;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * A task's completion locks its contact first, as event processing does: a lead's
 * activity arriving at the moment the rep decides waits, or makes the decision wait,
 * instead of both colliding in the engine's variables. The engine's command joins this
 * transaction and reads the journey only once the lock is held.
 */
@Component
class ContactLockedFirst implements TaskCompletionLock {

	private final ContactService contacts;

	ContactLockedFirst(ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	@Transactional
	public <T> T whileLocked(String businessKey, Supplier<T> completion) {
		contacts.lock(businessKey);
		return completion.get();
	}

}
