package io.parcours.sales.process;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.OpsOnlyStep;
import io.parcours.sales.SalesHandOff;
import io.parcours.sales.SalesVariables;
import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${handToSales}}, element template "Hand to sales": picks the owner with
 * {@code lead-routing}, sets the qualification deadline and the score the rep reads, and
 * clears the answers of an earlier hand-off (a recycled lead), so the new task starts
 * blank and cannot complete on the old decision.
 */
@OpsOnlyStep("a step of the hand-off to sales, where sales reps decide what becomes of a lead")
@Component("handToSales")
class HandToSalesDelegate implements JavaDelegate {

	private final SalesHandOff handOff;

	HandToSalesDelegate(SalesHandOff handOff) {
		this.handOff = handOff;
	}

	@Override
	public void execute(DelegateExecution execution) {
		execution.removeVariables(SalesVariables.ANSWERS);
		String contactId = JourneyStep.contactId(execution);
		execution.setVariables(handOff.leadFacts(execution, contactId));
		execution.setVariables(handOff.prepare(contactId, (String) execution.getVariable(LeadVariables.COUNTRY),
				(Integer) execution.getVariable(LeadVariables.COMPANY_SIZE)));
	}

}
