package io.parcours.scoring;

import io.parcours.event.EventHandler;
import io.parcours.event.EventType;
import io.parcours.event.LeadCreated;
import io.parcours.event.ReceivedEvent;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.springframework.stereotype.Component;

/** {@code lead.created} starts the B2B nurturing journey for the lead. */
@Component
class LeadCreatedHandler implements EventHandler<LeadCreated> {

	private final Journeys journeys;

	private final NurturingStart start;

	LeadCreatedHandler(Journeys journeys, NurturingStart start) {
		this.journeys = journeys;
		this.start = start;
	}

	@Override
	public EventType type() {
		return EventType.LEAD_CREATED;
	}

	@Override
	public void handle(ReceivedEvent<LeadCreated> event) {
		journeys.start(ProcessKeys.B2B_NURTURING, MessageNames.LEAD_CREATED, event.contactId(),
				start.variables(event.properties()));
	}

}
