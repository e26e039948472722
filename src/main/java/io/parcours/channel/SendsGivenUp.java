package io.parcours.channel;

import io.parcours.journey.StepGaveUp;

import org.springframework.stereotype.Component;

/**
 * A send step that used its last retry leaves its message {@code incident} with the
 * provider's error, not {@code retrying}: nothing retries it until ops do in Cockpit (the
 * retry then finds the row and sends).
 */
@Component
class SendsGivenUp implements StepGaveUp {

	private final Messages messages;

	SendsGivenUp(Messages messages) {
		this.messages = messages;
	}

	@Override
	public void gaveUp(String idempotencyKey, String error) {
		messages.markIncident(idempotencyKey, error);
	}

}
