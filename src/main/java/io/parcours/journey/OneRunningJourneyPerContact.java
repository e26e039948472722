package io.parcours.journey;

import io.parcours.contact.ContactId;
import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * A contact runs a journey once at a time (DESIGN §3): events and the sweep check it
 * before they start one ({@link CheckedStarts}), and a start by hand through the engine's
 * REST API (Cockpit, Postman: {@code /process-definition/key/welcome/start},
 * {@code /message}, a restart) is checked here, under the contact's lock so that two at
 * once cannot both pass: {@code 409} naming {@code businessKey} for a contact already in
 * it, {@code 400} for a start whose business key is not its {@code contactId} or that has
 * none (its steps would fail for want of a contact), rather than sending the contact each
 * message twice. A built-in listener: a start that skips custom listeners is checked too.
 */
@Component
class OneRunningJourneyPerContact extends AbstractCamundaConfiguration {

	private static final ContactId.Validator CONTACT_IDS = new ContactId.Validator();

	private final ContactService contacts;

	OneRunningJourneyPerContact(@Lazy ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_START,
				journey -> ProcessKeys.REACTIVATION_SWEEP.equals(journey) ? null
						: execution -> checkStart(journey, execution));
	}

	private void checkStart(String journey, DelegateExecution execution) {
		if (CheckedStarts.isChecked()) {
			return;
		}
		String businessKey = execution.getProcessBusinessKey();
		Object variable = execution.getVariable(VariableNames.CONTACT_ID);
		if (variable != null && !variable.toString().equals(businessKey)) {
			throw JourneyStartRefused.twoContacts(businessKey, variable.toString());
		}
		if (businessKey == null) {
			if (!onASchedule(execution, journey)) {
				throw JourneyStartRefused.noContact(journey);
			}
			return;
		}
		if (!CONTACT_IDS.isValid(businessKey, null)) {
			throw JourneyStartRefused.notAContactId(journey, businessKey);
		}
		contacts.lock(businessKey);
		long running = Context.getCommandContext()
			.runWithoutAuthorization(() -> execution.getProcessEngineServices()
				.getRuntimeService()
				.createProcessInstanceQuery()
				.processDefinitionKey(journey)
				.processInstanceBusinessKey(businessKey)
				.count());
		if (running > 0) {
			throw JourneyStartRefused.alreadyIn(businessKey, journey);
		}
	}

	/**
	 * A journey a timer starts (a sweep, a newsletter) may run for nobody in particular;
	 * any other runs for the contact its business key names.
	 */
	private static boolean onASchedule(DelegateExecution execution, String journey) {
		Process process = execution.getBpmnModelInstance().getModelElementById(journey);
		return process != null && process.getChildElementsByType(StartEvent.class)
			.stream()
			.anyMatch(start -> start.getEventDefinitions().stream().anyMatch(TimerEventDefinition.class::isInstance));
	}

}
