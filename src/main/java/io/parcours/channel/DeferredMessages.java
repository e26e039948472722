package io.parcours.channel;

import org.springframework.stereotype.Component;

/** What becomes of deferred messages when their journey ends: they are skipped. */
@Component
public class DeferredMessages {

	private final Messages messages;

	DeferredMessages(Messages messages) {
		this.messages = messages;
	}

	public void journeyEnded(String processInstanceId) {
		messages.skipDeferred(processInstanceId);
	}

}
