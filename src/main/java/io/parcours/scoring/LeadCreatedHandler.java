package io.parcours.scoring;

import java.util.Map;

import io.parcours.event.EventHandler;
import io.parcours.event.EventType;
import io.parcours.event.LeadCreated;
import io.parcours.event.ReceivedEvent;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.springframework.stereotype.Component;

/**
 * {@code lead.created} starts the B2B nurturing journey with the lead's company facts and
 * today's settings (hot threshold, time between emails).
 */
@Component
class LeadCreatedHandler implements EventHandler<LeadCreated> {

	private final Journeys journeys;

	private final ScoringProperties properties;

	LeadCreatedHandler(Journeys journeys, ScoringProperties properties) {
		this.journeys = journeys;
		this.properties = properties;
	}

	@Override
	public EventType type() {
		return EventType.LEAD_CREATED;
	}

	@Override
	public void handle(ReceivedEvent<LeadCreated> event) {
		Map<String, Object> variables = LeadVariables.ofLead(event.properties());
		variables.put(LeadVariables.HOT_THRESHOLD, properties.hotThreshold());
		variables.put(LeadVariables.NURTURE_INTERVAL, properties.nurtureInterval().toString());
		variables.put(LeadVariables.INTEREST_WATCH, properties.interestWatch().toString());
		journeys.start(ProcessKeys.B2B_NURTURING, MessageNames.LEAD_CREATED, event.contactId(), variables);
	}

}
