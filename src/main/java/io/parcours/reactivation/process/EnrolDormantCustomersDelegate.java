package io.parcours.reactivation.process;

import io.parcours.journey.OpsOnlyStep;
import io.parcours.journey.StartsOnItsOwn;
import io.parcours.reactivation.ReactivationSweeps;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${enrolDormantCustomers}}, element template "Enrol a page of dormant
 * customers".
 */
@OpsOnlyStep("a step of the daily reactivation sweep, which enrols the whole dormant base")
@StartsOnItsOwn("enrols a page of dormant customers")
@Component("enrolDormantCustomers")
class EnrolDormantCustomersDelegate implements JavaDelegate {

	private final ReactivationSweeps sweeps;

	EnrolDormantCustomersDelegate(ReactivationSweeps sweeps) {
		this.sweeps = sweeps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Progress.show(execution, sweeps.enrolNextPage(execution.getProcessInstanceId()));
	}

}
