package io.parcours.channel.provider;

import io.parcours.channel.MessageProvider;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderReceipt;
import io.parcours.journey.TestRunContacts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Used when a channel has no provider credentials: the message is recorded (its row keeps
 * the rendered content) and logged without its recipient, but nothing leaves the machine.
 */
public class LogMessageProvider implements MessageProvider {

	private static final Logger log = LoggerFactory.getLogger(LogMessageProvider.class);

	@Override
	public String name() {
		return "log";
	}

	@Override
	public ProviderReceipt send(OutboundMessage message) {
		log.info("[log provider] {} message {} for contact {} recorded, not sent ({})", message.channel(),
				message.messageId(), message.contactId(), TestRunContacts.isTestRun(message.contactId())
						? "a test run: nothing leaves Parcours" : "no provider credentials configured");
		return new ProviderReceipt("log-" + message.messageId());
	}

}
