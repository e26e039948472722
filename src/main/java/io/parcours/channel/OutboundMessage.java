package io.parcours.channel;

import io.parcours.contact.Channel;

/**
 * What a provider is asked to deliver. {@code messageId} is ours: providers echo it back
 * in their webhooks (SendGrid custom args, Twilio callback URL) so events find their
 * message.
 */
public record OutboundMessage(String messageId, String contactId, Channel channel, String recipient, String subject,
		String body) {
}
