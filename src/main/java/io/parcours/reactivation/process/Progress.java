package io.parcours.reactivation.process;

import io.parcours.reactivation.Sweep;
import io.parcours.reactivation.SweepVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Shows a sweep's progress as variables of its instance, for Cockpit. */
final class Progress {

	private Progress() {
	}

	static void show(DelegateExecution execution, Sweep sweep) {
		execution.setVariable(SweepVariables.FOUND, sweep.found());
		execution.setVariable(SweepVariables.ENROLLED, sweep.enrolled());
		execution.setVariable(SweepVariables.PAGES, sweep.pages());
		execution.setVariable(SweepVariables.MORE_DORMANT, sweep.running());
	}

}
