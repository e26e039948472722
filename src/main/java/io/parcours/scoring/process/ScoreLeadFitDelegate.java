package io.parcours.scoring.process;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.StepOfJourney;
import io.parcours.scoring.LeadScoring.ScoredFit;
import io.parcours.scoring.LeadScoring;
import io.parcours.scoring.LeadVariables;
import io.parcours.scoring.ScoreVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${scoreLeadFit}}, element template "Score lead fit": the {@code lead-fit}
 * decision on the lead's company facts; sets the score variables.
 */
@StepOfJourney(value = ProcessKeys.B2B_NURTURING, reads = "the company facts of the lead the journey was started for")
@Component("scoreLeadFit")
class ScoreLeadFitDelegate implements JavaDelegate {

	private final LeadScoring scoring;

	private final Clock clock;

	/** What else shows the score (the rep's card, when the lead is with sales). */
	private final List<ScoreVariables> derived;

	ScoreLeadFitDelegate(LeadScoring scoring, Clock clock, List<ScoreVariables> derived) {
		this.scoring = scoring;
		this.clock = clock;
		this.derived = derived;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Instant createdAt = execution.getVariable(LeadVariables.CREATED_AT) instanceof Date created
				? created.toInstant() : null;
		ScoredFit scored = scoring.scoreFit(JourneyStep.contactId(execution), LeadVariables.profile(execution),
				JourneyStep.idempotencyKey(execution), clock.instant(), createdAt);
		execution.setVariable(LeadVariables.DECISION_MAKER, scored.fit().decisionMaker());
		derived.forEach(variables -> variables.set(execution, scored.score()));
		LeadVariables.setScore(execution, scored.score());
	}

}
