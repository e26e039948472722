package io.parcours.channel.process;

import io.parcours.channel.MessageCategory;
import io.parcours.channel.SendRequest;
import io.parcours.contact.Channel;
import io.parcours.journey.JourneyStep;
import io.parcours.journey.StepMisconfiguredException;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.delegate.DelegateExecution;

/** Builds a send request from the step a delegate runs in. */
final class SendRequests {

	private SendRequests() {
	}

	static SendRequest of(DelegateExecution execution, Channel channel) {
		return new SendRequest(JourneyStep.idempotencyKey(execution), JourneyStep.contactId(execution), channel,
				JourneyStep.requiredInput(execution, VariableNames.TEMPLATE), JourneyStep.journey(execution),
				execution.getProcessInstanceId(), execution.getCurrentActivityId(), JourneyStep.variant(execution),
				execution.getVariables(), category(execution));
	}

	private static MessageCategory category(DelegateExecution execution) {
		Object value = execution.getVariableLocal(VariableNames.CATEGORY);
		try {
			return MessageCategory.fromValue(value == null ? null : value.toString());
		}
		catch (IllegalArgumentException e) {
			throw new StepMisconfiguredException("Step '" + execution.getCurrentActivityName() + "' ("
					+ execution.getCurrentActivityId() + "): " + e.getMessage());
		}
	}

}
