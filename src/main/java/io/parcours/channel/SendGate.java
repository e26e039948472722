package io.parcours.channel;

import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

import io.parcours.channel.provider.Providers;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.journey.JourneyStep;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.TestRunContacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides whether a message goes and records the decision, one message of a contact at a
 * time: the contact's row is locked while the policy counts the messages already sent and
 * the new one is recorded, so two journeys sending to one contact at the same moment, on
 * one node or two, cannot both pass the frequency cap.
 */
@Component
class SendGate {

	/** The message row of a send request, and whether this attempt decided it. */
	record Passage(MessageRecord record, PolicyDecision decision) {

		boolean decidedNow() {
			return decision != null;
		}

	}

	private final ContactService contacts;

	private final Messages messages;

	private final DeliveryPolicy policy;

	private final MessageTemplates templates;

	private final Providers providers;

	private final Clock clock;

	private final boolean compressedTime;

	private final TransactionTemplate ownTransaction;

	private final EndedJourneys journeys;

	SendGate(ContactService contacts, Messages messages, DeliveryPolicy policy, MessageTemplates templates,
			Providers providers, Clock clock, PlatformTransactionManager transactions,
			@Value("${parcours.time-compression:1}") double timeCompression, EndedJourneys journeys) {
		this.contacts = contacts;
		this.journeys = journeys;
		this.messages = messages;
		this.policy = policy;
		this.templates = templates;
		this.providers = providers;
		this.clock = clock;
		this.compressedTime = timeCompression > 1;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	Passage pass(SendRequest request) {
		return ownTransaction.execute(tx -> {
			boolean known = contacts.lock(request.contactId());
			Optional<MessageRecord> earlier = messages.findByKey(request.idempotencyKey());
			Contact contact = known ? contacts.find(request.contactId()).orElse(null) : null;
			if (earlier.isPresent() && earlier.get().status().awaitsRetry()) {
				return passRetry(request, earlier.get(), contact);
			}
			if (earlier.isPresent() && earlier.get().status() != MessageStatus.DEFERRED) {
				return new Passage(earlier.get(), null);
			}
			if (earlier.isEmpty() && !known && request.processInstanceId() != null
					&& journeys.hasEnded(request.processInstanceId())) {
				// erased while this job waited for the contact's lock: the erasure filed
				// the person's rows apart from the id, and a row now would name them
				// again
				PolicyDecision erased = PolicyDecision.skip(SkipReason.CONTACT_ERASED);
				return new Passage(messages.unrecorded(request, erased.reason()), erased);
			}
			if (earlier.isEmpty()) {
				messages.skipDeferredOfEarlierAttempts(request);
				if (request.processInstanceId() != null && journeys.hasEnded(request.processInstanceId())) {
					// ended (an order) while this job waited for the contact's lock
					PolicyDecision ended = PolicyDecision.skip(SkipReason.JOURNEY_ENDED);
					return new Passage(record(request, earlier, ended, contact), ended);
				}
				if (JourneyStep.currentJobId().filter(journeys::jobRemoved).isPresent()) {
					// its step was cancelled while this job waited for the contact's lock
					PolicyDecision cancelled = PolicyDecision.skip(SkipReason.STEP_CANCELLED);
					return new Passage(record(request, earlier, cancelled, contact), cancelled);
				}
			}
			// with compressed time the engine's clock runs ahead of the wall clock: a
			// deferred message whose (compressed) wait is over goes, or it would wait
			// for the real morning; a test run waits on its simulated clock the same way
			boolean quietHoursWaited = earlier.isPresent()
					&& (compressedTime || TestRunContacts.isTestRun(request.contactId()));
			PolicyDecision decision = policy.decide(contact, request, SimulatedNow.of(clock), quietHoursWaited);
			return new Passage(record(request, earlier, decision, contact), decision);
		});
	}

	/**
	 * A retry goes as first decided (its content, to its address) unless the policy now
	 * says otherwise, or the contact's address changed meanwhile: then it goes to the new
	 * one.
	 */
	private Passage passRetry(SendRequest request, MessageRecord earlier, Contact contact) {
		PolicyDecision decision = policy.decideRetry(contact, request, SimulatedNow.of(clock));
		if (decision.verdict() == PolicyDecision.Verdict.SEND
				&& Objects.equals(contact.addressFor(request.channel()), earlier.recipient())) {
			return new Passage(earlier, null);
		}
		return new Passage(record(request, Optional.of(earlier), decision, contact), decision);
	}

	private MessageRecord record(SendRequest request, Optional<MessageRecord> earlier, PolicyDecision decision,
			Contact contact) {
		String id = earlier.map(MessageRecord::id).orElse(null);
		switch (decision.verdict()) {
			case SKIP -> {
				if (id == null) {
					return messages.insertSkipped(request, decision.reason());
				}
				messages.decideSkipped(id, decision.reason());
			}
			case DEFER -> {
				if (id == null) {
					return messages.insertDeferred(request, decision);
				}
				messages.decideDeferred(id, decision);
			}
			case SEND -> {
				RenderedMessage content = templates.render(request.template(), request.channel(), contact,
						request.data(), request.marketing());
				String provider = providers.forContact(request.channel(), request.contactId()).name();
				String address = contact.addressFor(request.channel());
				if (id == null) {
					return messages.insertSending(request, provider, address, content);
				}
				messages.decideSending(id, provider, address, content);
			}
		}
		return messages.find(id).orElseThrow();
	}

}
