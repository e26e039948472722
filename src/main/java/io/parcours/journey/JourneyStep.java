package io.parcours.journey;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;

/** What a delegate needs to know about the journey step it runs in. */
public final class JourneyStep {

	private JourneyStep() {
	}

	public static String contactId(DelegateExecution execution) {
		Object contactId = execution.getVariable(VariableNames.CONTACT_ID);
		return contactId != null ? contactId.toString() : execution.getProcessBusinessKey();
	}

	public static String journey(DelegateExecution execution) {
		return ((ExecutionEntity) execution).getProcessDefinition().getKey();
	}

	public static String variant(DelegateExecution execution) {
		Object variant = execution.getVariable(VariableNames.VARIANT);
		return variant == null ? null : variant.toString();
	}

	/**
	 * The moment from which the contact's orders count for the journey: its
	 * {@code enteredAt} (a cart's abandonment, on the shop's clock), else when the
	 * instance started, less a minute for the shop's clock (see
	 * {@link Journeys#correlate}).
	 */
	public static Instant ordersCountFrom(DelegateExecution execution) {
		return ordersCountFrom(execution, enteredAt(execution));
	}

	/**
	 * As {@link #ordersCountFrom(DelegateExecution)}, from {@link #enteredAt} in hand.
	 */
	public static Instant ordersCountFrom(DelegateExecution execution, Instant entered) {
		return execution.getVariable(VariableNames.ENTERED_AT) instanceof Date ? entered
				: Journeys.ordersCountFrom(null, entered);
	}

	/**
	 * When the contact entered the journey: on the shop's clock if the journey knows
	 * ({@code enteredAt}), else when it started.
	 */
	public static Instant enteredAt(DelegateExecution execution) {
		if (execution.getVariable(VariableNames.ENTERED_AT) instanceof Date entered) {
			return entered.toInstant();
		}
		return startedAt(execution);
	}

	/** When the journey started, on the engine's clock. */
	public static Instant startedAt(DelegateExecution execution) {
		HistoricProcessInstance instance = execution.getProcessEngineServices()
			.getHistoryService()
			.createHistoricProcessInstanceQuery()
			.processInstanceId(execution.getProcessInstanceId())
			.singleResult();
		return (instance != null ? instance.getStartTime() : ClockUtil.getCurrentTime()).toInstant();
	}

	public static String requiredInput(DelegateExecution execution, String name) {
		Object value = execution.getVariableLocal(name);
		if (value == null || value.toString().isBlank()) {
			throw new StepMisconfiguredException("Step '" + execution.getCurrentActivityName() + "' ("
					+ execution.getCurrentActivityId() + ") has no '" + name + "' input: set it in the Modeler");
		}
		return value.toString();
	}

	/**
	 * A key that is the same on every retry of this step's job, and different on the next
	 * visit of the step. The activity instance id cannot serve: the engine renews it on
	 * each retry. The job id can: a retried job keeps its id, while a new visit creates a
	 * new job.
	 */
	public static String idempotencyKey(DelegateExecution execution) {
		JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
		if (job != null) {
			return idempotencyKey(execution.getProcessInstanceId(), execution.getCurrentActivityId(), job.getId());
		}
		return execution.getProcessInstanceId() + "/" + execution.getCurrentActivityId() + "/activity:"
				+ execution.getActivityInstanceId();
	}

	/** The job running the current step, if a job runs it. */
	public static Optional<String> currentJobId() {
		JobEntity job = Context.getCommandContext() == null ? null : Context.getCommandContext().getCurrentJob();
		return Optional.ofNullable(job).map(JobEntity::getId);
	}

	/** The key of the step whose job is {@code jobId}. */
	public static String idempotencyKey(String processInstanceId, String activityId, String jobId) {
		return processInstanceId + "/" + activityId + "/job:" + jobId;
	}

}
