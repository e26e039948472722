package io.parcours.scoring;

import java.util.Date;

import io.parcours.event.EventHandler;
import io.parcours.event.EventType;
import io.parcours.event.LeadActivity;
import io.parcours.event.ReceivedEvent;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code lead.activity} (site activity, and email opens and clicks reported by the email
 * provider): passed at once as {@code LeadActivity} to the lead's nurturing journey,
 * whose "Update lead score" step adds the points. A lead without a running journey still
 * has the points recorded. Both ways use the event id as the change's key: applied once.
 */
@Component
class LeadActivityHandler implements EventHandler<LeadActivity> {

	private static final Logger log = LoggerFactory.getLogger(LeadActivityHandler.class);

	private final Journeys journeys;

	private final LeadScoring scoring;

	LeadActivityHandler(Journeys journeys, LeadScoring scoring) {
		this.journeys = journeys;
		this.scoring = scoring;
	}

	@Override
	public EventType type() {
		return EventType.LEAD_ACTIVITY;
	}

	@Override
	public void handle(ReceivedEvent<LeadActivity> event) {
		String activity = event.properties().activity().value();
		boolean correlated = journeys.correlateToAny(MessageNames.LEAD_ACTIVITY, event.contactId(),
				LeadVariables.ofActivity(activity, event.id(), Date.from(event.occurredAt())));
		if (!correlated) {
			log.info("Lead {} has no nurturing journey running: {} scored without one", event.contactId(), activity);
			scoring.addActivity(event.contactId(), activity, LeadVariables.activityKey(event.id()), event.occurredAt());
		}
	}

}
