package io.parcours.contact.process;

import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.journey.JourneyStep;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN {@code ${updateLifecycleStage}}, element template "Update lifecycle stage". */
@Component("updateLifecycleStage")
class UpdateLifecycleStageDelegate implements JavaDelegate {

	private final ContactService contacts;

	UpdateLifecycleStageDelegate(ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		LifecycleStage stage = LifecycleStage.fromValue(JourneyStep.requiredInput(execution, "stage"));
		contacts.changeStage(JourneyStep.contactId(execution), stage);
	}

}
