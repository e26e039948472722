package io.parcours.sales;

import java.util.HashMap;
import java.util.Map;

import io.parcours.scoring.LeadScore;
import io.parcours.scoring.LeadScoring;
import io.parcours.scoring.LeadVariables;
import io.parcours.scoring.ScoreVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/**
 * The score the "Qualify lead" form shows: total, breakdown and recent activities, all of
 * one moment. Written at the hand-off, and again with each activity while the lead is
 * with sales, so the rep (and the CRM push, which reads the same variables) always has
 * the current figures.
 */
@Component
class QualifyCard implements ScoreVariables {

	private final LeadScoring scoring;

	private final SalesProperties properties;

	private final QualifyTaskColumns columns;

	QualifyCard(LeadScoring scoring, SalesProperties properties, QualifyTaskColumns columns) {
		this.scoring = scoring;
		this.properties = properties;
		this.columns = columns;
	}

	/**
	 * A journey shows the card once its lead went to sales. The score variables are set
	 * by the caller, last: they fire the journey's hot-lead condition.
	 */
	@Override
	public void set(VariableScope journey, LeadScore score) {
		if (journey.hasVariable(SalesVariables.SCORE_BREAKDOWN)) {
			journey.setVariables(card(score));
			// the lead created again with new company facts while with sales
			journey.setVariables(LeadCard.facts(journey, score.contactId()));
			if (journey instanceof DelegateExecution execution) {
				columns.refresh(execution.getProcessInstanceId(), journey, score.total());
			}
		}
	}

	/** The score variables and the card, for the hand-off. */
	Map<String, Object> of(LeadScore score) {
		Map<String, Object> variables = card(score);
		variables.put(LeadVariables.FIT_SCORE, score.fit());
		variables.put(LeadVariables.ENGAGEMENT_SCORE, score.engagement());
		variables.put(LeadVariables.LEAD_SCORE, score.total());
		return variables;
	}

	private Map<String, Object> card(LeadScore score) {
		Map<String, Object> variables = new HashMap<>();
		variables.put(SalesVariables.SCORE_BREAKDOWN, LeadCard.breakdown(score));
		variables.put(SalesVariables.RECENT_ACTIVITIES,
				LeadCard.recentActivities(scoring.recentActivities(score.contactId()), properties.timeZone()));
		return variables;
	}

}
