package io.parcours.scoring;

import java.time.Instant;
import java.util.Date;

import io.parcours.event.LeadCreated;
import io.parcours.journey.DirectStart;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The start variables of the {@code b2b-nurturing} journey: the lead's company facts and
 * today's settings (hot threshold, time between emails, how long interest is watched).
 * Started without a {@code lead.created} event, the journey nurtures a sample lead: a
 * manager of a mid-sized software company, below the hot threshold.
 */
@Component
class NurturingStart implements DirectStart {

	static final LeadCreated SAMPLE = new LeadCreated("Sample Company", "Marketing Manager", 50, "Software", "FR",
			"test-run");

	private final ScoringProperties properties;

	NurturingStart(ScoringProperties properties) {
		this.properties = properties;
	}

	VariableMap variables(LeadCreated lead, Instant createdAt) {
		return variables(lead).putValue(LeadVariables.CREATED_AT, Date.from(createdAt))
			.putValue(LeadVariables.DETAILS_AT, Date.from(createdAt));
	}

	private VariableMap variables(LeadCreated lead) {
		return Variables.fromMap(LeadVariables.ofLead(lead))
			.putValue(LeadVariables.HOT_THRESHOLD, properties.hotThreshold())
			.putValue(LeadVariables.NURTURE_INTERVAL, properties.nurtureInterval().toString())
			.putValue(LeadVariables.INTEREST_WATCH, properties.interestWatch().toString())
			.putValue(LeadVariables.NURTURE_EMAILS_SENT, 0);
	}

	@Override
	public String journey() {
		return ProcessKeys.B2B_NURTURING;
	}

	@Override
	public VariableMap variables(String contactId) {
		return variables(SAMPLE);
	}

}
