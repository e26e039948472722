package io.parcours.channel.process;

import io.parcours.channel.Suppressions;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;
import io.parcours.journey.JourneyStep;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${checkConsent}}, element template "Check channel consent": sets the
 * boolean variable {@code <channel>Consent} (e.g. {@code smsConsent}) for the gateway
 * that follows: consent given, an address, and none of the contact's suppressions on it.
 * A boolean, not the address: variables never hold PII.
 */
@Component("checkConsent")
class CheckConsentDelegate implements JavaDelegate {

	private final ContactService contacts;

	private final Suppressions suppressions;

	CheckConsentDelegate(ContactService contacts, Suppressions suppressions) {
		this.contacts = contacts;
		this.suppressions = suppressions;
	}

	@Override
	public void execute(DelegateExecution execution) {
		Channel channel = Channel.fromValue(JourneyStep.requiredInput(execution, "channel"));
		boolean reachable = contacts.find(JourneyStep.contactId(execution))
			.filter(contact -> contact.consentsTo(channel) && contact.addressFor(channel) != null)
			// a number that texted STOP, an address that bounced: the send would be
			// skipped, so the journey takes its other way (email for an SMS coupon)
			.filter(contact -> suppressions.reasonFor(contact, channel).isEmpty())
			.isPresent();
		execution.setVariable(channel.value() + "Consent", reachable);
	}

}
