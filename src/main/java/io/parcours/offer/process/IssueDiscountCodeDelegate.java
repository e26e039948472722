package io.parcours.offer.process;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.StepMisconfiguredException;
import io.parcours.journey.VariableNames;
import io.parcours.offer.DiscountCode;
import io.parcours.offer.DiscountCodes;
import io.parcours.offer.Offer;
import io.parcours.offer.OfferProperties;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${issueDiscountCode}}, element template "Issue discount code": a unique
 * single-use code of the chosen offer, in the variables {@code discountCode} and
 * {@code discountPercent} for the messages that follow.
 */
@Component("issueDiscountCode")
class IssueDiscountCodeDelegate implements JavaDelegate {

	private final DiscountCodes codes;

	private final OfferProperties offers;

	IssueDiscountCodeDelegate(DiscountCodes codes, OfferProperties offers) {
		this.codes = codes;
		this.offers = offers;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String offerName = JourneyStep.requiredInput(execution, "offer");
		Offer offer = offers.offers().get(offerName);
		if (offer == null) {
			throw new StepMisconfiguredException(
					"Step '" + execution.getCurrentActivityName() + "' hands out the offer '" + offerName
							+ "', which is not configured: known offers are " + offers.offers().keySet());
		}
		DiscountCode code = codes.issue(JourneyStep.idempotencyKey(execution), offerName, offer,
				JourneyStep.contactId(execution), JourneyStep.journey(execution), execution.getProcessInstanceId());
		execution.setVariable(VariableNames.DISCOUNT_CODE, code.code());
		execution.setVariable(VariableNames.DISCOUNT_PERCENT, code.percent());
	}

}
