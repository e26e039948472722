package io.parcours.sales.process;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.OpsOnlyStep;
import io.parcours.journey.StartsOnItsOwn;
import io.parcours.sales.Opportunities;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${pushToCrm}}, element template "Push to CRM": the accepted lead goes to
 * the CRM as an opportunity (retried by the engine, once per journey instance).
 */
@OpsOnlyStep("a step of the hand-off to sales, where sales reps decide what becomes of a lead")
@StartsOnItsOwn("pushes the opportunity to the CRM")
@Component("pushToCrm")
class PushToCrmDelegate implements JavaDelegate {

	private final Opportunities opportunities;

	PushToCrmDelegate(Opportunities opportunities) {
		this.opportunities = opportunities;
	}

	@Override
	public void execute(DelegateExecution execution) {
		opportunities.push(execution.getProcessInstanceId(), JourneyStep.contactId(execution), execution);
	}

}
