package io.parcours.scoring.process;

import java.time.Clock;
import java.util.Date;
import java.util.List;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.StepMisconfiguredException;
import io.parcours.journey.StepOfJourney;
import io.parcours.scoring.LeadScore;
import io.parcours.scoring.LeadScoring;
import io.parcours.scoring.LeadVariables;
import io.parcours.scoring.ScoreChange;
import io.parcours.scoring.ScoreVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${updateLeadScore}}, element template "Update lead score". Change
 * {@code activity}: adds the points of the activity the {@code LeadActivity} message
 * brought; {@code recycle}: reduces the engagement of a lead sales sent back;
 * {@code disqualify} and {@code accept}: clear the engagement of a lead sales decided on.
 * Updating the score variables lets the journey's hot-lead condition fire at once; what
 * other features show of the score (the rep's form) is updated with them.
 */
@StepOfJourney(value = ProcessKeys.B2B_NURTURING,
		reads = "the lead's score and the lead activities the journey receives")
@Component("updateLeadScore")
class UpdateLeadScoreDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(UpdateLeadScoreDelegate.class);

	private final LeadScoring scoring;

	private final Clock clock;

	private final List<ScoreVariables> derived;

	UpdateLeadScoreDelegate(LeadScoring scoring, Clock clock, List<ScoreVariables> derived) {
		this.scoring = scoring;
		this.clock = clock;
		this.derived = derived;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String contactId = JourneyStep.contactId(execution);
		String change = JourneyStep.requiredInput(execution, "change");
		LeadScore score = switch (change) {
			case "activity" -> scoring.addActivity(contactId, (String) execution.getVariable(LeadVariables.ACTIVITY),
					LeadVariables.activityKey((String) execution.getVariable(LeadVariables.ACTIVITY_EVENT_ID)),
					((Date) execution.getVariable(LeadVariables.ACTIVITY_AT)).toInstant());
			case "recycle" -> recycle(execution, contactId);
			case "disqualify" -> scoring.clearEngagement(contactId, ScoreChange.Kind.DISQUALIFY,
					JourneyStep.idempotencyKey(execution), clock.instant());
			case "accept" -> scoring.clearEngagement(contactId, ScoreChange.Kind.ACCEPT,
					JourneyStep.idempotencyKey(execution), clock.instant());
			default -> throw new StepMisconfiguredException("Step '" + execution.getCurrentActivityName()
					+ "' has the unknown score change '" + change + "': use activity, recycle, disqualify or accept");
		};
		derived.forEach(variables -> variables.set(execution, score));
		LeadVariables.setScore(execution, score);
	}

	/**
	 * A lead whose fit alone reaches the threshold would be hot again at once, and back
	 * with the rep who just sent it away: for this lead the journey's threshold rises
	 * just above its score, so only new interest makes it hot again.
	 */
	private LeadScore recycle(DelegateExecution execution, String contactId) {
		int threshold = hotThreshold(execution);
		LeadScore score = scoring.recycle(contactId, JourneyStep.idempotencyKey(execution), clock.instant(), threshold);
		if (score.total() >= threshold) {
			execution.setVariable(LeadVariables.HOT_THRESHOLD, score.total() + 1);
			log.info("Lead {} recycled with a fit of {}, at or above the hot threshold {}: hot again from {} on",
					contactId, score.fit(), threshold, score.total() + 1);
		}
		return score;
	}

	/**
	 * The threshold the journey started with (its hot condition reads the same variable),
	 * not today's setting: recycled below it, the lead does not go straight back.
	 */
	private int hotThreshold(DelegateExecution execution) {
		Object threshold = execution.getVariable(LeadVariables.HOT_THRESHOLD);
		return threshold instanceof Number number ? number.intValue() : scoring.hotThreshold();
	}

}
