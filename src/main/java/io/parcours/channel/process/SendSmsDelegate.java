package io.parcours.channel.process;

import io.parcours.channel.Delivery;
import io.parcours.contact.Channel;
import io.parcours.journey.StartsOnItsOwn;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** BPMN {@code ${sendSms}}, element template "Send SMS". */
@StartsOnItsOwn("sends an SMS through the provider")
@Component("sendSms")
class SendSmsDelegate implements JavaDelegate {

	private final Delivery delivery;

	SendSmsDelegate(Delivery delivery) {
		this.delivery = delivery;
	}

	@Override
	public void execute(DelegateExecution execution) {
		delivery.send(SendRequests.of(execution, Channel.SMS));
	}

}
