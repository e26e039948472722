package io.parcours.channel;

import java.util.Optional;

import io.parcours.channel.provider.Providers;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Sends one message for a journey step, at most once. The message row is committed as
 * SENDING before the provider is called; a retried or re-run step finds it by its
 * idempotency key and, instead of sending again, finishes what the first attempt left:
 * nothing after a success, a new call after a failure that was known not to send, and
 * "unknown" after a crash during the call.
 */
@Service
public class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	private final Messages messages;

	private final ContactService contacts;

	private final DeliveryPolicy policy;

	private final MessageTemplates templates;

	private final Providers providers;

	private final ProviderRateLimits rateLimits;

	Delivery(Messages messages, ContactService contacts, DeliveryPolicy policy, MessageTemplates templates,
			Providers providers, ProviderRateLimits rateLimits) {
		this.messages = messages;
		this.contacts = contacts;
		this.policy = policy;
		this.templates = templates;
		this.providers = providers;
		this.rateLimits = rateLimits;
	}

	public MessageStatus send(SendRequest request) {
		Optional<MessageRecord> earlier = messages.findByKey(request.idempotencyKey());
		if (earlier.isPresent()) {
			return resume(earlier.get());
		}
		Contact contact = contacts.find(request.contactId()).orElse(null);
		Optional<String> refusal = policy.refusal(contact, request.channel());
		try {
			if (refusal.isPresent()) {
				messages.insertSkipped(request, refusal.get());
				log.info("{} {} for contact {} skipped: {}", request.channel(), request.template(), request.contactId(),
						refusal.get());
				return MessageStatus.SKIPPED;
			}
			RenderedMessage content = templates.render(request.template(), request.channel(), contact, request.data());
			MessageRecord record = messages.insertSending(request, providers.forChannel(request.channel()).name(),
					contact.addressFor(request.channel()), content);
			return deliver(record);
		}
		catch (DuplicateKeyException concurrentAttempt) {
			return resume(messages.findByKey(request.idempotencyKey()).orElseThrow());
		}
	}

	private MessageStatus resume(MessageRecord record) {
		switch (record.status()) {
			case RETRYING:
				messages.markSending(record.id());
				return deliver(record);
			case SENDING:
				messages.markUnknown(record.id(), "interrupted during the provider call; not sent again");
				log.warn(
						"Message {} for contact {} was interrupted during the provider call: outcome unknown, not resent",
						record.id(), record.contactId());
				return MessageStatus.UNKNOWN;
			default:
				return record.status();
		}
	}

	private MessageStatus deliver(MessageRecord record) {
		var provider = providers.forChannel(record.channel());
		var message = new OutboundMessage(record.id(), record.contactId(), record.channel(), record.recipient(),
				record.subject(), record.body());
		try {
			rateLimits.acquire(provider.name());
			ProviderReceipt receipt = provider.send(message);
			messages.markSent(record.id(), receipt.providerMessageId());
			log.info("{} {} sent to contact {} through {} (message {})", record.channel(), record.template(),
					record.contactId(), provider.name(), record.id());
			return MessageStatus.SENT;
		}
		catch (ProviderException.RecipientRejected e) {
			messages.markFailed(record.id(), e.reason() + ": " + e.getMessage());
			log.warn("Message {} for contact {} rejected by {}: {}", record.id(), record.contactId(), provider.name(),
					e.reason());
			return MessageStatus.FAILED;
		}
		catch (ProviderException.OutcomeUnknown e) {
			messages.markUnknown(record.id(), e.getMessage());
			log.warn("Message {} for contact {}: {}", record.id(), record.contactId(), e.getMessage());
			return MessageStatus.UNKNOWN;
		}
		catch (ProviderException e) {
			messages.markRetrying(record.id(), e.getMessage());
			throw e;
		}
	}

}
