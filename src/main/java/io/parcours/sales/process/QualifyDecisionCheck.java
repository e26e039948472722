package io.parcours.sales.process;

import java.util.List;

import io.parcours.journey.InvalidTaskInput;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * "Qualify hot lead" completes only with a decision the journey can follow: accept,
 * recycle or disqualify. Tasklist's form offers just these; a REST client gets a 400
 * naming the field, and the task stays open.
 */
@Component("checkQualifyDecision")
class QualifyDecisionCheck implements TaskListener {

	static final List<String> DECISIONS = List.of("accept", "recycle", "disqualify");

	@Override
	public void notify(DelegateTask task) {
		Object decision = task.getVariable("decision");
		if (decision == null || !DECISIONS.contains(decision.toString())) {
			throw new InvalidTaskInput("decision",
					"decision " + (decision == null ? "is missing" : "'" + decision + "' is unknown")
							+ ": it must be one of " + String.join(", ", DECISIONS));
		}
	}

}
