package io.parcours.channel.process;

import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;
import io.parcours.journey.JourneyStep;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${checkConsent}}, element template "Check channel consent": sets the
 * boolean variable {@code <channel>Consent} (e.g. {@code smsConsent}) for the gateway
 * that follows. A boolean, not the address: variables never hold PII.
 */
@Component("checkConsent")
class CheckConsentDelegate implements JavaDelegate {

	private final ContactService contacts;

	CheckConsentDelegate(ContactService contacts) {
		this.contacts = contacts;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Channel channel = Channel.fromValue(JourneyStep.requiredInput(execution, "channel"));
		boolean reachable = contacts.find(JourneyStep.contactId(execution))
			.filter(contact -> contact.consentsTo(channel) && contact.addressFor(channel) != null)
			.isPresent();
		execution.setVariable(channel.value() + "Consent", reachable);
	}

}
