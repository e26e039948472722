package io.parcours.reactivation.process;

import io.parcours.reactivation.ReactivationSweeps;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * End listener of the {@code reactivation} process ({@code ${recordReactivationEnd}}):
 * records how the journey ended, which the sweep's re-entry window reads.
 */
@Component("recordReactivationEnd")
class RecordReactivationEndListener implements ExecutionListener {

	private final ReactivationSweeps sweeps;

	RecordReactivationEndListener(ReactivationSweeps sweeps) {
		this.sweeps = sweeps;
	}

	@Override
	public void notify(DelegateExecution execution) {
		sweeps.journeyEnded(execution.getProcessInstanceId(), execution.isCanceled(),
				execution.hasVariable(io.parcours.journey.VariableNames.ORDER_ID));
	}

}
