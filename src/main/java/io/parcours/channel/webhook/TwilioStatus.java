package io.parcours.channel.webhook;

import java.time.Clock;
import java.util.Optional;
import java.util.Set;

import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.Suppressions;
import io.parcours.channel.provider.TwilioRecipientErrors;
import io.parcours.contact.Channel;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Twilio status callbacks: sent, delivered, undelivered and failed move the message on;
 * error codes saying the number will never receive our SMS suppress it. 30003 (handset
 * off or out of reach) and carrier filtering are temporary: no suppression.
 */
@Component
class TwilioStatus {

	private static final Logger log = LoggerFactory.getLogger(TwilioStatus.class);

	private static final Set<String> FAILURES = Set.of("undelivered", "failed");

	private final Messages messages;

	private final Suppressions suppressions;

	private final WebhookReceipts receipts;

	private final Clock clock;

	TwilioStatus(Messages messages, Suppressions suppressions, WebhookReceipts receipts, Clock clock) {
		this.messages = messages;
		this.suppressions = suppressions;
		this.receipts = receipts;
		this.clock = clock;
	}

	@Transactional
	public void apply(String messageId, String messageSid, String status, String errorCode, String to) {
		Optional<MessageRecord> message = (messageId != null ? messages.find(messageId)
				: Optional.<MessageRecord>empty())
			.or(() -> messageSid == null ? Optional.empty() : messages.findByProviderMessageId(messageSid))
			.filter(m -> m.channel() == Channel.SMS);
		if (message.isEmpty()) {
			log.info("Twilio status {} for an unknown message ({}): acknowledged, nothing to do", status, messageSid);
			return;
		}
		String knownSid = message.get().providerMessageId();
		if (messageSid != null && knownSid != null && !knownSid.equals(messageSid)) {
			// our message id with another SMS's sid: a status of some other message
			log.warn("Twilio status {} of {} for message {}, which Twilio knows as {}: ignored", status, messageSid,
					message.get().id(), knownSid);
			return;
		}
		String id = message.get().id();
		if (!receipts
			.firstTime("twilio-status:" + (messageSid != null ? messageSid : "message:" + id) + ":" + status)) {
			return;
		}
		messages.learnProviderMessageId(id, messageSid);
		switch (String.valueOf(status)) {
			case "sent" -> messages.advance(id, MessageStatus.SENT, null);
			case "delivered" -> messages.advance(id, MessageStatus.DELIVERED, null);
			default -> {
				if (FAILURES.contains(status)) {
					failed(message.get(), status, errorCode, to);
				}
			}
		}
	}

	/**
	 * The number the message went to: the callback's (signed by Twilio) once the erasure
	 * blanked the message's own.
	 */
	private void failed(MessageRecord message, String status, String errorCode, String to) {
		messages.advance(message.id(), MessageStatus.FAILED,
				status + (errorCode == null ? "" : " (Twilio error " + errorCode + ")"));
		String suppression = TwilioRecipientErrors.suppression(errorCode).orElse(null);
		if (suppression != null) {
			suppressions.suppress(message.contactId(), Channel.SMS,
					message.recipient() != null ? message.recipient() : to, suppression, "twilio:" + errorCode,
					clock.instant());
		}
	}

}
