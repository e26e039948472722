package io.parcours.channel;

import io.parcours.contact.Channel;

/**
 * What a provider is asked to deliver. {@code messageId} is ours: providers echo it back
 * in their webhooks (SendGrid custom args, Twilio callback URL) so events find their
 * message. A marketing message carries the provider's unsubscribe link.
 */
public record OutboundMessage(String messageId, String contactId, Channel channel, String recipient, String subject,
		String body, boolean marketing) {

	/** A message that is not marketing: transactional, or to a colleague. */
	public OutboundMessage(String messageId, String contactId, Channel channel, String recipient, String subject,
			String body) {
		this(messageId, contactId, channel, recipient, subject, body, false);
	}

}
