package io.parcours.channel.process;

import io.parcours.channel.Delivery;
import io.parcours.contact.Channel;
import io.parcours.journey.StartsOnItsOwn;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN {@code ${sendEmail}}, element template "Send email". */
@StartsOnItsOwn("sends an email through the provider")
@Component("sendEmail")
class SendEmailDelegate implements JavaDelegate {

	private final Delivery delivery;

	SendEmailDelegate(Delivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public void execute(DelegateExecution execution) {
		delivery.send(SendRequests.of(execution, Channel.EMAIL));
	}

}
