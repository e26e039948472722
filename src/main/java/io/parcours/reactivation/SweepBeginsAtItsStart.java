package io.parcours.reactivation;

import io.parcours.journey.JourneyStartRefused;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.ProcessListeners;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * A sweep opens (counts the dormant customers, takes the running slot) in its first step:
 * one started by hand at a later step ({@code startInstructions}) would fail at every
 * page and show as running for ever. Refused with {@code 400} naming
 * {@code startInstructions}, nothing started.
 */
@Component
class SweepBeginsAtItsStart extends AbstractCamundaConfiguration {

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_START,
				journey -> ProcessKeys.REACTIVATION_SWEEP.equals(journey) ? SweepBeginsAtItsStart::check : null);
	}

	private static void check(DelegateExecution execution) {
		FlowElement first = execution.getBpmnModelElementInstance();
		if (first != null && !(first instanceof StartEvent)) {
			throw JourneyStartRefused.notAtItsStart(ProcessKeys.REACTIVATION_SWEEP,
					first.getName() != null ? first.getName() : first.getId());
		}
	}

}
