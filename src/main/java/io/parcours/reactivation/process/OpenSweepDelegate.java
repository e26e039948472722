package io.parcours.reactivation.process;

import java.util.Optional;

import io.parcours.journey.OpsOnlyStep;
import io.parcours.journey.StartsOnItsOwn;
import io.parcours.reactivation.ReactivationSweeps;
import io.parcours.reactivation.Sweep;
import io.parcours.reactivation.SweepVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN {@code ${openReactivationSweep}}, element template "Find dormant customers". */
@OpsOnlyStep("a step of the daily reactivation sweep, which enrols the whole dormant base")
@StartsOnItsOwn("opens the reactivation sweep over the whole customer base")
@Component("openReactivationSweep")
class OpenSweepDelegate implements JavaDelegate {

	private final ReactivationSweeps sweeps;

	OpenSweepDelegate(ReactivationSweeps sweeps) {
		this.sweeps = sweeps;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Object pageSize = execution.getVariable(SweepVariables.PAGE_SIZE);
		Optional<Sweep> sweep = sweeps.open(execution.getProcessInstanceId(),
				pageSize == null ? null : Integer.valueOf(pageSize.toString()));
		execution.setVariable(SweepVariables.ALREADY_RUNNING, sweep.isEmpty());
		sweep.ifPresent(opened -> Progress.show(execution, opened));
	}

}
