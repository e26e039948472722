package io.parcours.journey;

import java.util.ArrayList;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
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
		if (configuration.getCustomPostBPMNParseListeners() == null) {
			configuration.setCustomPostBPMNParseListeners(new ArrayList<>());
		}
		configuration.getCustomPostBPMNParseListeners().add(new AbstractBpmnParseListener() {

			@Override
			public void parseProcess(Element processElement, ProcessDefinitionEntity process) {
				String journey = process.getKey();
				if (!ProcessKeys.REACTIVATION_SWEEP.equals(journey)) {
					process.addListener(ExecutionListener.EVENTNAME_START,
							(ExecutionListener) execution -> checkStart(journey, execution));
				}
			}

		});
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
