package io.parcours.sales.process;

import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import io.parcours.journey.InvalidTaskInput;
import io.parcours.journey.TaskCompletionInput;
import io.parcours.journey.TaskDecidedMeanwhile;
import io.parcours.journey.TaskNotYours;
import io.parcours.sales.QualifyTaskAnswerers;
import io.parcours.sales.SalesVariables;
import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.springframework.stereotype.Component;

/**
 * "Qualify hot lead" is decided by sales or ops only, whoever the routing table or the
 * diagram handed it to, and completes only with what the journey and the CRM need: one of
 * the decisions it can follow (accept, recycle, disqualify) and a reason, as the form
 * asks. Tasklist's form enforces both; a REST client gets a 400 naming the field, and the
 * task stays open. Who decided, and when, is recorded with the decision: the CRM's owner
 * and time of the opportunity, the same on every retry of the push.
 */
@Component("checkQualifyDecision")
class QualifyDecisionCheck implements TaskListener {

	static final List<String> DECISIONS = List.of("accept", "recycle", "disqualify");

	static final int MAX_REASON = 200;

	static final int MAX_NOTES = 2000;

	private final Clock clock;

	private final QualifyTaskAnswerers answerers;

	QualifyDecisionCheck(Clock clock, QualifyTaskAnswerers answerers) {
		this.clock = clock;
		this.answerers = answerers;
	}

	@Override
	public void notify(DelegateTask task) {
		if (task.getExecution() == null) {
			throw new TaskDecidedMeanwhile(task.getId());
		}
		for (String field : List.of(SalesVariables.DECISION, SalesVariables.REASON, SalesVariables.NOTES)) {
			// a draft written on the task itself that this completion did not give
			// (what it gives replaced the task's own): nobody decided it
			task.removeVariableLocal(field);
			if (TaskCompletionInput.known()) {
				onTheJourneyOnly(task, field, !TaskCompletionInput.leavesOut(field));
			}
		}
		Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		if (user != null && user.getUserId() != null) {
			answerers.refusal(user.getUserId(), user.getGroupIds()).ifPresent(refusal -> {
				throw new TaskNotYours(refusal);
			});
		}
		String decision = text(task, SalesVariables.DECISION);
		if (decision == null || !DECISIONS.contains(decision)) {
			throw new InvalidTaskInput(SalesVariables.DECISION,
					"decision " + (decision == null ? "is missing" : "'" + decision + "' is unknown")
							+ ": it must be one of " + String.join(", ", DECISIONS));
		}
		String reason = text(task, SalesVariables.REASON);
		if (reason == null || reason.isBlank()) {
			throw new InvalidTaskInput(SalesVariables.REASON, "reason is missing: say why in a few words");
		}
		if (reason.length() > MAX_REASON) {
			throw new InvalidTaskInput(SalesVariables.REASON, "reason is longer than " + MAX_REASON + " characters");
		}
		String notes = text(task, SalesVariables.NOTES);
		if (notes != null && notes.length() > MAX_NOTES) {
			throw new InvalidTaskInput(SalesVariables.NOTES, "notes are longer than " + MAX_NOTES + " characters");
		}
		task.getExecution().setVariable(SalesVariables.QUALIFIED_BY, decidedBy(task));
		task.getExecution().setVariable(SalesVariables.QUALIFIED_AT, clock.instant().toString());
		task.getExecution().setVariable(SalesVariables.QUALIFIED_FIT, task.getVariable(LeadVariables.FIT_SCORE));
		task.getExecution()
			.setVariable(SalesVariables.QUALIFIED_ENGAGEMENT, task.getVariable(LeadVariables.ENGAGEMENT_SCORE));
		task.getExecution().setVariable(SalesVariables.QUALIFIED_SCORE, task.getVariable(LeadVariables.LEAD_SCORE));
	}

	/**
	 * The field once, on the journey, as the completion gave it or not at all. A draft
	 * written on the journey (through the task's variables, a resolve) or on the task's
	 * own execution (the one its escalation timer needs) would stand in for a field the
	 * completion leaves out, and a copy on the task's execution would take what it gives
	 * and vanish with the task, the journey's draft deciding.
	 */
	private static void onTheJourneyOnly(DelegateTask task, String field, boolean given) {
		Object value = given ? task.getVariable(field) : null;
		ExecutionEntity execution = (ExecutionEntity) task.getExecution();
		for (ExecutionEntity scope = execution; scope != null
				&& !scope.isProcessInstanceExecution(); scope = scope.getParent()) {
			scope.removeVariableLocal(field);
		}
		ExecutionEntity journey = execution.getProcessInstance();
		if (!given) {
			journey.removeVariableLocal(field);
		}
		else if (!journey.hasVariableLocal(field) || !Objects.equals(journey.getVariableLocal(field), value)) {
			// where the completion wrote it already, once is enough for the history
			journey.setVariableLocal(field, value);
		}
	}

	/**
	 * The variable as text: the journey and the CRM read these as strings, so a number or
	 * a date sent through REST is refused here rather than failing the CRM push later.
	 */
	private static String text(DelegateTask task, String name) {
		Object value = task.getVariable(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw new InvalidTaskInput(name, name + " must be text (a String variable), not "
				+ value.getClass().getSimpleName().toLowerCase(Locale.ROOT));
	}

	/**
	 * The user completing the task; its assignee when completed by the application
	 * itself.
	 */
	private static String decidedBy(DelegateTask task) {
		Authentication user = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
		return user != null && user.getUserId() != null ? user.getUserId() : task.getAssignee();
	}

}
