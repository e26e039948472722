package io.parcours.reactivation;

import io.parcours.journey.InvalidTaskInput;
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
 * A sweep started with a page size it cannot use is refused at its start ({@code 400}
 * naming {@code variables.pageSize}), not started to fail in its first step as an
 * incident ops find later; so is one started by hand at a later step
 * ({@code startInstructions}): it opens (counts the dormant customers, takes the running
 * slot) in its first step, and would fail at every page, running for ever. Every version
 * of the sweep gets this at deployment; no diagram needs to say it.
 */
@Component
class SweepStartChecks extends AbstractCamundaConfiguration {

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_START,
				journey -> ProcessKeys.REACTIVATION_SWEEP.equals(journey) ? SweepStartChecks::check : null);
	}

	private static void check(DelegateExecution execution) {
		checkItBeginsAtItsStart(execution);
		checkPageSize(execution);
	}

	private static void checkItBeginsAtItsStart(DelegateExecution execution) {
		FlowElement first = execution.getBpmnModelElementInstance();
		if (first != null && !(first instanceof StartEvent)) {
			throw JourneyStartRefused.notAtItsStart(ProcessKeys.REACTIVATION_SWEEP,
					first.getName() != null ? first.getName() : first.getId());
		}
	}

	private static void checkPageSize(DelegateExecution execution) {
		Object pageSize = execution.getVariable(SweepVariables.PAGE_SIZE);
		if (pageSize == null) {
			return;
		}
		Integer size = wholeNumber(pageSize);
		if (size == null || size < 1 || size > ReactivationProperties.MAX_PAGE_SIZE) {
			throw new InvalidTaskInput(SweepVariables.PAGE_SIZE,
					"The sweep's page size (contacts enrolled per page) must be a whole number from 1 to "
							+ ReactivationProperties.MAX_PAGE_SIZE + ", not " + pageSize + ": nothing was started.");
		}
	}

	private static Integer wholeNumber(Object value) {
		if (value instanceof Integer || value instanceof Short || value instanceof Long) {
			long number = ((Number) value).longValue();
			return number == (int) number ? (int) number : null;
		}
		try {
			return Integer.valueOf(value.toString());
		}
		catch (NumberFormatException notWhole) {
			return null;
		}
	}

}
