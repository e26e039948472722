package io.parcours.sales.process;

import io.parcours.journey.OpsOnlyStep;
import io.parcours.sales.QualifyTasks;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${escalateToManagers}}, element template "Escalate to sales managers": the
 * open "Qualify hot lead" task becomes the sales managers' too.
 */
@OpsOnlyStep("a step of the hand-off to sales, where sales reps decide what becomes of a lead")
@Component("escalateToManagers")
class EscalateToManagersDelegate implements JavaDelegate {

	private final QualifyTasks tasks;

	EscalateToManagersDelegate(QualifyTasks tasks) {
		this.tasks = tasks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		tasks.escalate(execution.getProcessInstanceId());
	}

}
