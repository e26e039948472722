package io.parcours.channel;

import java.time.Clock;

import io.parcours.channel.provider.Providers;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

/**
 * Sends one message for a journey step, at most once. The policy decides first (see
 * {@link SendGate}); a message that may go is committed as SENDING before the provider is
 * called. A retried or re-run step finds its row by the idempotency key and, instead of
 * sending again, finishes what the first attempt left: nothing after a success, a new
 * call after a failure that was known not to send, and "unknown" after a crash during the
 * call. A deferred message is decided again when its wait is over.
 */
@Service
public class Delivery {

	private static final Logger log = LoggerFactory.getLogger(Delivery.class);

	private final SendGate gate;

	private final Messages messages;

	private final Suppressions suppressions;

	private final Providers providers;

	private final ProviderRateLimits rateLimits;

	private final Clock clock;

	Delivery(SendGate gate, Messages messages, Suppressions suppressions, Providers providers,
			ProviderRateLimits rateLimits, Clock clock) {
		this.gate = gate;
		this.messages = messages;
		this.suppressions = suppressions;
		this.providers = providers;
		this.rateLimits = rateLimits;
		this.clock = clock;
	}

	/**
	 * @throws SendDeferred when the message must wait for the end of the contact's quiet
	 * hours
	 */
	public MessageStatus send(SendRequest request) {
		SendGate.Passage passage;
		try {
			passage = gate.pass(request);
		}
		catch (DuplicateKeyException concurrentAttempt) {
			return resume(messages.findByKey(request.idempotencyKey()).orElseThrow());
		}
		MessageRecord record = passage.record();
		if (!passage.decidedNow()) {
			return resume(record);
		}
		return switch (record.status()) {
			case SENDING -> deliver(record);
			case DEFERRED -> {
				// the moment in UTC: the reason names the contact's time zone, which a
				// log
				// keeps after the person is erased
				log.info("{} {} for contact {} deferred for quiet hours until {} (process instance {})",
						record.channel(), record.template(), record.contactId(), record.deferredUntil(),
						record.processInstanceId());
				throw new SendDeferred(passage.decision().deferredUntil());
			}
			default -> {
				log.info("{} {} for contact {} skipped: {} (process instance {})", record.channel(), record.template(),
						record.contactId(), record.reason(), record.processInstanceId());
				yield record.status();
			}
		};
	}

	private MessageStatus resume(MessageRecord record) {
		switch (record.status()) {
			case RETRYING, INCIDENT:
				messages.markSending(record.id());
				return deliver(record);
			case SENDING:
				markUnknown(record, "interrupted during the provider call; not sent again");
				return MessageStatus.UNKNOWN;
			default:
				return record.status();
		}
	}

	private MessageStatus deliver(MessageRecord record) {
		var provider = providers.forContact(record.channel(), record.contactId());
		var message = new OutboundMessage(record.id(), record.contactId(), record.channel(), record.recipient(),
				record.subject(), record.body(), record.category() == MessageCategory.MARKETING);
		try {
			if (!takeSlot(record, provider.name())) {
				log.info("{} {} for contact {} not sent: its journey ended while it waited for {}'s rate limit",
						record.channel(), record.template(), record.contactId(), provider.name());
				return MessageStatus.SKIPPED;
			}
			ProviderReceipt receipt = provider.send(message);
			messages.markSent(record.id(), receipt.providerMessageId());
			log.info("{} {} sent to contact {} through {} (message {})", record.channel(), record.template(),
					record.contactId(), provider.name(), record.id());
			return MessageStatus.SENT;
		}
		catch (ProviderException.RecipientRejected e) {
			messages.markFailed(record.id(), e.reason() + ": " + e.getMessage());
			suppressions.suppress(record.contactId(), record.channel(), record.recipient(), e.reason(),
					"provider:" + provider.name(), clock.instant());
			log.warn("Message {} for contact {} rejected by {}: {}", record.id(), record.contactId(), provider.name(),
					e.reason());
			return MessageStatus.FAILED;
		}
		catch (ProviderException.OutcomeUnknown e) {
			markUnknown(record, e.getMessage());
			return MessageStatus.UNKNOWN;
		}
		catch (ProviderException e) {
			messages.markRetrying(record.id(), e.getMessage());
			throw e;
		}
	}

	/**
	 * A send that must wait for the provider's slot does not wait as SENDING: a node
	 * stopped during the wait would leave it looking interrupted during the provider
	 * call, and it would never go. It waits as RETRYING, which the next run sends; false
	 * when its journey ended during the wait.
	 */
	private boolean takeSlot(MessageRecord record, String provider) {
		if (rateLimits.tryAcquire(provider)) {
			return true;
		}
		messages.markRetrying(record.id(), "waiting for a free slot at " + provider + "'s rate limit");
		rateLimits.acquire(provider);
		return messages.markSendingAfterWait(record.id());
	}

	private void markUnknown(MessageRecord record, String reason) {
		messages.markUnknown(record.id(), reason);
		log.warn("Message {} for contact {}: {}; outcome unknown, not resent ({} messages with an unknown outcome)",
				record.id(), record.contactId(), reason, messages.count(MessageStatus.UNKNOWN));
	}

}
