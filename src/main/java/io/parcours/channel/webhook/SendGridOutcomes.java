package io.parcours.channel.webhook;

import java.time.Instant;
import java.util.Set;

import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.ProviderException;
import io.parcours.channel.Suppressions;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The effects of one event, applied once. */
@Component
class SendGridOutcomes {

	private static final Logger log = LoggerFactory.getLogger(SendGridOutcomes.class);

	private final Messages messages;

	private final Suppressions suppressions;

	private final ContactService contacts;

	SendGridOutcomes(Messages messages, Suppressions suppressions, ContactService contacts) {
		this.messages = messages;
		this.suppressions = suppressions;
		this.contacts = contacts;
	}

	void apply(SendGridEvent event, MessageRecord message, Instant at) {
		String id = message.id();
		messages.learnProviderMessageId(id, event.providerMessageId());
		switch (String.valueOf(event.event())) {
			case "processed" -> messages.advance(id, MessageStatus.SENT, null);
			case "delivered" -> messages.advance(id, MessageStatus.DELIVERED, null);
			case "open" -> messages.advance(id, MessageStatus.OPENED, null);
			case "click" -> messages.advance(id, MessageStatus.CLICKED, null);
			case "bounce" -> bounced(event, message, at);
			case "dropped" -> dropped(event, message, at);
			case "spamreport" -> {
				messages.answeredByRecipient(id, Suppressions.SPAM_REPORT);
				suppress(event, message, Suppressions.SPAM_REPORT, at);
			}
			case "unsubscribe", "group_unsubscribe" -> {
				messages.answeredByRecipient(id, "unsubscribed");
				contacts.withdrawConsent(message.contactId(), Set.of(Channel.EMAIL), at, "sendgrid:" + event.event());
			}
			default -> log.debug("SendGrid {} event for message {} ignored", event.event(), id);
		}
	}

	private void bounced(SendGridEvent event, MessageRecord message, Instant at) {
		// "blocked" is the receiving server refusing for now (reputation, content):
		// the address itself is fine
		boolean blocked = "blocked".equals(event.type());
		messages.advance(message.id(), MessageStatus.BOUNCED, (blocked ? "blocked" : Suppressions.HARD_BOUNCE)
				+ (event.status() == null ? "" : " " + event.status()));
		if (!blocked) {
			suppress(event, message, Suppressions.HARD_BOUNCE, at);
		}
	}

	/**
	 * SendGrid's drop reasons are labels ("Bounced Address", "Invalid", ...), kept
	 * without the address should one quote it: the event may come after the contact's
	 * erasure.
	 */
	private void dropped(SendGridEvent event, MessageRecord message, Instant at) {
		String reason = ProviderException.withoutRecipient(
				ProviderException.withoutRecipient(String.valueOf(event.reason()), event.email()), message.recipient());
		messages.advance(message.id(), MessageStatus.FAILED, "dropped: " + reason);
		if (reason.contains("Bounced Address")) {
			suppress(event, message, Suppressions.HARD_BOUNCE, at);
		}
		else if (reason.contains("Spam Reporting Address")) {
			suppress(event, message, Suppressions.SPAM_REPORT, at);
		}
		else if (reason.startsWith("Invalid") && !reason.contains("SMTPAPI")) {
			suppress(event, message, Suppressions.INVALID_ADDRESS, at);
		}
		else if (reason.contains("Unsubscribed Address")) {
			contacts.withdrawConsent(message.contactId(), Set.of(Channel.EMAIL), at, "sendgrid:dropped");
		}
	}

	private void suppress(SendGridEvent event, MessageRecord message, String reason, Instant at) {
		String address = message.recipient() != null ? message.recipient() : event.email();
		suppressions.suppress(message.contactId(), Channel.EMAIL, address, reason, "sendgrid", at);
	}

}
