package io.parcours.channel;

import org.springframework.stereotype.Component;

/**
 * What becomes of messages still waiting to go (deferred, or to be retried) when their
 * journey ends: they are skipped.
 */
@Component
public class DeferredMessages {

	private final Messages messages;

	DeferredMessages(Messages messages) {
		this.messages = messages;
	}

	/**
	 * {@code contactId}: the journey's business key; none for work that sends nothing.
	 */
	public void journeyEnded(String contactId, String processInstanceId) {
		if (contactId != null) {
			messages.skipWaiting(contactId, processInstanceId);
		}
	}

}
