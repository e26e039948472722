package io.parcours.channel.process;

import io.parcours.channel.ChannelChoice;
import io.parcours.channel.SendRequest;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;
import io.parcours.journey.JourneyStep;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${checkConsent}}, element template "Check channel consent": sets the
 * boolean variable {@code <channel>Consent} (e.g. {@code smsConsent}) for the gateway
 * that follows: consent given, an address, and none of the contact's suppressions on it.
 * A boolean, not the address: variables never hold PII. When the contact cannot be
 * reached, the message the channel would have carried (its {@code template}) is recorded
 * as skipped with the reason, and the journey takes its other way.
 */
@Component("checkConsent")
class CheckConsentDelegate implements JavaDelegate {

	/** The message recorded when the step names none (a diagram of version 1). */
	static final String UNNAMED_MESSAGE = "consent-check";

	private final ContactService contacts;

	private final ChannelChoice choice;

	CheckConsentDelegate(ContactService contacts, ChannelChoice choice) {
		this.contacts = contacts;
		this.choice = choice;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Channel channel = Channel.fromValue(JourneyStep.requiredInput(execution, "channel"));
		boolean reachable = contacts.find(JourneyStep.contactId(execution))
			.filter(contact -> choice.reachable(contact, message(execution, channel)))
			.isPresent();
		execution.setVariable(channel.value() + "Consent", reachable);
	}

	private static SendRequest message(DelegateExecution execution, Channel channel) {
		Object template = execution.getVariableLocal(VariableNames.TEMPLATE);
		return new SendRequest(JourneyStep.idempotencyKey(execution), JourneyStep.contactId(execution), channel,
				template == null || template.toString().isBlank() ? UNNAMED_MESSAGE : template.toString(),
				JourneyStep.journey(execution), execution.getProcessInstanceId(), execution.getCurrentActivityId(),
				JourneyStep.variant(execution), null, null);
	}

}
