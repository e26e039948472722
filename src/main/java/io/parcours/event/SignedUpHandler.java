package io.parcours.event;

import java.util.Map;

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

	SignedUpHandler(Journeys journeys) {
		this.journeys = journeys;
	}

	@Override
	public EventType type() {
		return EventType.SIGNED_UP;
	}

	/**
	 * Once per contact: a sign-up sent again (a re-subscription, an importer's replay
	 * under new ids) would welcome a known customer anew, first-order coupon included.
	 */
	@Override
	public void handle(ReceivedEvent<NoProperties> event) {
		if (journeys.hasEntered(ProcessKeys.WELCOME, event.contactId())) {
			log.info("Contact {} signed up again ({}): welcomed before, the welcome series does not start again",
					event.contactId(), event.id());
			return;
		}
		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, event.contactId(), Map.of());
	}

}
