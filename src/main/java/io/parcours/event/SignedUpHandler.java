package io.parcours.event;

import java.util.Map;

import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.springframework.stereotype.Component;

/** {@code contact.signed_up} starts the welcome series. */
@Component
class SignedUpHandler implements EventHandler<NoProperties> {

	private final Journeys journeys;

	SignedUpHandler(Journeys journeys) {
		this.journeys = journeys;
	}

	@Override
	public EventType type() {
		return EventType.SIGNED_UP;
	}

	@Override
	public void handle(ReceivedEvent<NoProperties> event) {
		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, event.contactId(), Map.of());
	}

}
