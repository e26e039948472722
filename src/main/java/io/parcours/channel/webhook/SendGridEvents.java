package io.parcours.channel.webhook;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import io.parcours.channel.MessageRecord;
import io.parcours.channel.Messages;
import io.parcours.config.RefusedException;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;

import org.apache.commons.codec.digest.DigestUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Applies SendGrid events to their message and contact: status (processed, delivered,
 * open, click, bounce, dropped), suppression (hard bounce, spam report, invalid address),
 * consent (unsubscribe), and opens and clicks as {@code lead.activity} events for
 * scoring.
 */
@Component
class SendGridEvents {

	private static final Logger log = LoggerFactory.getLogger(SendGridEvents.class);

	private final Messages messages;

	private final SendGridOutcomes outcomes;

	private final ContactService contacts;

	private final WebhookReceipts receipts;

	private final EventIngestion ingestion;

	private final Clock clock;

	private final TransactionTemplate transaction;

	SendGridEvents(Messages messages, SendGridOutcomes outcomes, ContactService contacts, WebhookReceipts receipts,
			EventIngestion ingestion, Clock clock, PlatformTransactionManager transactions) {
		this.messages = messages;
		this.outcomes = outcomes;
		this.contacts = contacts;
		this.receipts = receipts;
		this.ingestion = ingestion;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	void apply(SendGridEvent event) {
		Optional<MessageRecord> message = messageOf(event);
		if (message.isEmpty()) {
			log.info("SendGrid {} event {} for an unknown message: acknowledged, nothing to do", event.event(),
					event.eventId());
			return;
		}
		Instant occurredAt = event.occurredAt(clock.instant(), message.get().createdAt());
		// before the effects: the event id makes a second ingestion harmless, and a
		// failure
		// below makes SendGrid retry the whole batch
		reportActivity(event, message.get(), occurredAt);
		transaction.executeWithoutResult(tx -> {
			if (receipts.firstTime(event.receiptId())) {
				outcomes.apply(event, message.get(), occurredAt);
			}
		});
	}

	private Optional<MessageRecord> messageOf(SendGridEvent event) {
		Optional<MessageRecord> message = event.messageId() != null ? messages.find(event.messageId())
				: Optional.empty();
		if (message.isEmpty() && event.providerMessageId() != null) {
			message = messages.findByProviderMessageId(event.providerMessageId());
		}
		return message.filter(m -> m.channel() == Channel.EMAIL);
	}

	/**
	 * The lead activity's event id, the same at each delivery of the webhook. SendGrid's
	 * ids take up to 100 characters, as many as an event id: a long one is replaced by
	 * its SHA-256, so the event still fits.
	 */
	static String activityEventId(String sendGridEventId) {
		String id = "sendgrid:" + sendGridEventId;
		if (id.length() <= EventRequest.MAX_ID) {
			return id;
		}
		return "sendgrid:sha-256:" + DigestUtils.sha256Hex(sendGridEventId);
	}

	private void reportActivity(SendGridEvent event, MessageRecord message, Instant occurredAt) {
		String activity = switch (String.valueOf(event.event())) {
			case "open" -> "email_opened";
			case "click" -> "email_clicked";
			default -> null;
		};
		if (activity == null || event.eventId() == null || message.status().failed()
				|| !contacts.exists(message.contactId())) {
			return;
		}
		try {
			ingestion.accept(new EventRequest(activityEventId(event.eventId()), EventType.LEAD_ACTIVITY,
					message.contactId(), occurredAt, null, Map.of("activity", activity)));
		}
		catch (RefusedException contactGone) {
			log.info("SendGrid {} event {}: contact {} is gone, no lead activity", event.event(), event.eventId(),
					message.contactId());
		}
	}

}
