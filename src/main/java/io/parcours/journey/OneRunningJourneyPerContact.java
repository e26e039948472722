package io.parcours.journey;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * A contact runs a journey once at a time (DESIGN §3): events and the sweep check it
 * before they start one, and a start by hand through the engine's REST API (Cockpit,
 * Postman: {@code /process-definition/key/welcome/start}, {@code /message}) is refused
 * the same way, {@code 409} naming {@code businessKey}, rather than sending the contact
 * each message twice.
 */
@Component
class OneRunningJourneyPerContact extends AbstractCamundaConfiguration {

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_START,
				journey -> ProcessKeys.REACTIVATION_SWEEP.equals(journey) ? null
						: execution -> checkStart(journey, execution));
	}

	private static void checkStart(String journey, DelegateExecution execution) {
		String contactId = execution.getProcessBusinessKey();
		if (contactId == null) {
			return;
		}
		long running = Context.getCommandContext()
			.runWithoutAuthorization(() -> execution.getProcessEngineServices()
				.getRuntimeService()
				.createProcessInstanceQuery()
				.processDefinitionKey(journey)
				.processInstanceBusinessKey(contactId)
				.count());
		if (running > 0) {
			throw new AlreadyInJourney(contactId, journey);
		}
	}

}
