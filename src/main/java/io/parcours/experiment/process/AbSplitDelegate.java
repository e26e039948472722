package io.parcours.experiment.process;

import java.time.Instant;

import io.parcours.experiment.Experiments;
import io.parcours.journey.JourneyStep;
import io.parcours.journey.StepMisconfiguredException;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${abSplit}}, element template "A/B split": assigns the contact a variant of
 * the chosen experiment (the same one on every visit) and sets the variable
 * {@code variant} for the gateway that follows ({@code ${variant == 'B'}}).
 */
@Component("abSplit")
class AbSplitDelegate implements JavaDelegate {

	private final Experiments experiments;

	AbSplitDelegate(Experiments experiments) {
		this.experiments = experiments;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String experiment = JourneyStep.requiredInput(execution, "experiment");
		if (experiments.settings(experiment).isEmpty()) {
			throw new StepMisconfiguredException("Step '" + execution.getCurrentActivityName()
					+ "' runs the experiment '" + experiment + "', which is not configured (parcours.experiments)");
		}
		Instant entered = JourneyStep.enteredAt(execution);
		// a cart reported days late is chased from the report on: its window too, so that
		// an order the journey takes for a recovery counts in the results
		Instant started = JourneyStep.startedAt(execution);
		Instant windowFrom = started.isAfter(entered) ? started : entered;
		String variant = experiments
			.assign(experiment, JourneyStep.contactId(execution), JourneyStep.journey(execution),
					execution.getProcessInstanceId(), JourneyStep.ordersCountFrom(execution, entered), windowFrom)
			.variant();
		execution.setVariable(VariableNames.VARIANT, variant);
	}

}
