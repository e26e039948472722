package io.parcours.channel;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.journey.TestRunContacts;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Decides, before every send, whether this message may go to this contact now: consent
 * and suppression first, then, for marketing only, quiet hours in the contact's time zone
 * (deferred, never dropped) and the frequency cap across all journeys (skipped).
 */
@Component
class DeliveryPolicy {

	/**
	 * Why a channel of a contact must not be used, if it must not: the contact's own
	 * suppression, or one of its email address (a bounce or a spam report of another
	 * contact with the same address).
	 */
	interface SuppressionLookup {

		Optional<String> reasonFor(Contact contact, Channel channel);

	}

	/** How many marketing messages went to a contact since a moment. */
	interface MarketingHistory {

		int sentSince(String contactId, Instant since);

	}

	private final DeliveryProperties settings;

	private final SuppressionLookup suppressions;

	private final MarketingHistory history;

	private final double timeCompression;

	/**
	 * @param timeCompression the frequency cap's window is journey time: in the demo,
	 * where timers run this many times faster, "3 per 7 days" means the same week of
	 * journey
	 */
	DeliveryPolicy(DeliveryProperties settings, SuppressionLookup suppressions, MarketingHistory history,
			@Value("${parcours.time-compression:1}") double timeCompression) {
		this.settings = settings;
		this.suppressions = suppressions;
		this.history = history;
		this.timeCompression = Math.max(1, timeCompression);
	}

	/**
	 * @param quietHoursWaited the message already waited out the quiet hours once (see
	 * {@link SendGate})
	 */
	PolicyDecision decide(Contact contact, SendRequest request, Instant now, boolean quietHoursWaited) {
		return decide(contact, request, now, quietHoursWaited, true);
	}

	/**
	 * A message the provider failed to take is tried again only if it still may go now: a
	 * STOP, an unsubscribe or a suppression that came meanwhile skips it, and a retry due
	 * in the contact's quiet hours waits for the morning. It was counted against the
	 * frequency cap when it was first decided, and is not counted again.
	 */
	PolicyDecision decideRetry(Contact contact, SendRequest request, Instant now) {
		return decide(contact, request, now, false, false);
	}

	/**
	 * Why no message may reach the contact on the channel whatever its content or moment
	 * (a suppression, no consent, no address), or empty when one may.
	 */
	Optional<String> unreachable(Contact contact, Channel channel) {
		Optional<String> suppressed = suppressions.reasonFor(contact, channel);
		if (suppressed.isPresent()) {
			return Optional.of(SkipReason.SUPPRESSED + suppressed.get());
		}
		if (!contact.consentsTo(channel)) {
			return Optional.of(SkipReason.NO_CONSENT);
		}
		if (contact.addressFor(channel) == null) {
			return Optional.of(SkipReason.NO_ADDRESS);
		}
		return Optional.empty();
	}

	private PolicyDecision decide(Contact contact, SendRequest request, Instant now, boolean quietHoursWaited,
			boolean capped) {
		if (contact == null) {
			return PolicyDecision.skip(SkipReason.UNKNOWN_CONTACT);
		}
		Optional<String> unreachable = unreachable(contact, request.channel());
		if (unreachable.isPresent()) {
			return PolicyDecision.skip(unreachable.get());
		}
		if (!request.marketing()) {
			return PolicyDecision.send();
		}
		if (!quietHoursWaited) {
			var quietUntil = settings.quietHoursOf(request.channel()).endAfter(now, zoneOf(contact));
			if (quietUntil.isPresent()) {
				return PolicyDecision.defer(quietUntil.get());
			}
		}
		var cap = settings.frequencyCap();
		// a test run plays journey time at full length on its simulated clock
		double compression = TestRunContacts.isTestRun(contact.id()) ? 1 : timeCompression;
		Duration window = Duration.ofMillis(Math.round(cap.window().toMillis() / compression));
		if (capped && cap.enabled() && history.sentSince(contact.id(), now.minus(window)) >= cap.maxMessages()) {
			return PolicyDecision.skip(SkipReason.FREQUENCY_CAP);
		}
		return PolicyDecision.send();
	}

	private static ZoneId zoneOf(Contact contact) {
		try {
			return contact.zone();
		}
		catch (DateTimeException | NullPointerException unreadable) {
			return ZoneOffset.UTC;
		}
	}

}
