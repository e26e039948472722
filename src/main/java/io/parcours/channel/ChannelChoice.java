package io.parcours.channel;

import io.parcours.contact.Contact;

import org.springframework.stereotype.Service;

/**
 * A journey choosing its channel (the coupon by SMS if the contact may get one, else by
 * email): the channel it cannot take is recorded as a skipped message with the reason, as
 * a send step records its skips, so "why did Ana not get the SMS?" has its answer among
 * her messages.
 */
@Service
public class ChannelChoice {

	private final DeliveryPolicy policy;

	private final Messages messages;

	ChannelChoice(DeliveryPolicy policy, Messages messages) {
		this.policy = policy;
		this.messages = messages;
	}

	/**
	 * Whether the message may reach the contact on its channel; when it may not, it is
	 * recorded as skipped with the reason (once per step run).
	 */
	public boolean reachable(Contact contact, SendRequest message) {
		return policy.unreachable(contact, message.channel()).map(reason -> {
			messages.insertSkippedOnce(message, reason);
			return false;
		}).orElse(true);
	}

}
