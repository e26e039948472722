package io.parcours.scoring;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.event.EventHandler;
import io.parcours.event.EventType;
import io.parcours.event.LeadCreated;
import io.parcours.event.ReceivedEvent;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.SimulatedNow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code lead.created} starts the B2B nurturing journey for the lead; for a lead already
 * nurtured it brings the journey its new company facts. A lead sales accepted (an
 * opportunity) is theirs, and is not nurtured again; nor is one dated before sales'
 * latest decision on the lead, which is the lead they decided on.
 */
@Component
class LeadCreatedHandler implements EventHandler<LeadCreated> {

	private static final Logger log = LoggerFactory.getLogger(LeadCreatedHandler.class);

	private final Journeys journeys;

	private final NurturingStart start;

	private final ContactService contacts;

	private final LeadScores scores;

	private final Clock clock;

	LeadCreatedHandler(Journeys journeys, NurturingStart start, ContactService contacts, LeadScores scores,
			Clock clock) {
		this.journeys = journeys;
		this.start = start;
		this.contacts = contacts;
		this.scores = scores;
		this.clock = clock;
	}

	@Override
	public EventType type() {
		return EventType.LEAD_CREATED;
	}

	@Override
	public void handle(ReceivedEvent<LeadCreated> event) {
		// a lead.created dated ahead of our clock (within what the API allows) happened
		// now
		Instant now = SimulatedNow.of(clock);
		Instant createdAt = event.occurredAt().isAfter(now) ? now : event.occurredAt();
		Optional<Map<String, Object>> running = journeys.variablesOfRunning(ProcessKeys.B2B_NURTURING,
				event.contactId(), List.of(LeadVariables.DETAILS_AT, LeadVariables.CREATED_AT));
		if (running.isPresent()) {
			// the CRM sent the lead again, its company facts maybe changed: the running
			// journey takes them and scores the fit again, the engagement kept; a report
			// older than the facts it holds (a retry arriving late) changes nothing
			Object detailsAt = running.get()
				.getOrDefault(LeadVariables.DETAILS_AT, running.get().get(LeadVariables.CREATED_AT));
			if (detailsAt instanceof Date held && createdAt.isBefore(held.toInstant())) {
				log.info("lead.created {} for lead {} is older than the details its journey holds: changes nothing",
						event.id(), event.contactId());
				return;
			}
			Map<String, Object> details = new HashMap<>(LeadVariables.ofLead(event.properties()));
			details.put(LeadVariables.DETAILS_AT, Date.from(createdAt));
			journeys.correlateToAny(MessageNames.LEAD_DETAILS_CHANGED, event.contactId(), details);
			return;
		}
		Optional<Instant> decidedAt = scores.lastJudgedBySalesAt(event.contactId()).filter(createdAt::isBefore);
		if (decidedAt.isPresent()) {
			// the CRM sending again the lead sales already decided on
			log.info("lead.created {} for lead {} is dated before sales decided on the lead ({}): changes nothing",
					event.id(), event.contactId(), decidedAt.get());
			return;
		}
		if (isOpportunity(event.contactId())) {
			log.info("lead.created {} for lead {}, an opportunity sales accepted: not nurtured again", event.id(),
					event.contactId());
			return;
		}
		journeys.start(ProcessKeys.B2B_NURTURING, MessageNames.LEAD_CREATED, event.contactId(),
				start.variables(event.properties(), createdAt));
	}

	private boolean isOpportunity(String contactId) {
		return contacts.find(contactId)
			.map(contact -> contact.lifecycleStage() == LifecycleStage.OPPORTUNITY)
			.orElse(false);
	}

}
