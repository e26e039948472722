package io.parcours.contact;

import java.math.BigDecimal;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Everything that changes a contact: details, consent, orders, lifecycle stage, erasure.
 */
@Service
public class ContactService {

	private static final ContactId.Validator VALID_ID = new ContactId.Validator();

	private static final Logger log = LoggerFactory.getLogger(ContactService.class);

	/**
	 * Sources of consents withdrawn by the person through a provider (webhooks,
	 * suppressions).
	 */
	private static final List<String> OPT_OUT_SOURCES = List.of("sendgrid:", "twilio:", "suppression:");

	/**
	 * Marks an opt-out recorded on a consent already off: it keeps the shop's restated
	 * "true" out, but withdrew nothing, so a START gives nothing back.
	 */
	private static final String ALREADY_OFF = " (consent already off)";

	/**
	 * Marks an opt-out the shop withdrew the consent after: the person's opt-out still
	 * keeps the shop's restated "true" out, and a START gives nothing back.
	 */
	private static final String SHOP_TOO = " (shop withdrew too)";

	static final String DEFAULT_LOCALE = "en";

	static final String DEFAULT_TIME_ZONE = "UTC";

	private final Contacts contacts;

	private final ApplicationEventPublisher events;

	private final Clock clock;

	ContactService(Contacts contacts, ApplicationEventPublisher events, Clock clock) {
		this.contacts = contacts;
		this.events = events;
		this.clock = clock;
	}

	public Optional<Contact> find(String id) {
		return contacts.find(id);
	}

	public boolean exists(String id) {
		return contacts.exists(id);
	}

	/**
	 * An id no contact can have (one PUT refuses: a zero-width space in it, a space at an
	 * end, an email address) is refused naming {@code field}, rather than answered "no
	 * such contact" as if the id were right; so is one asked for with its accents as
	 * separate marks (Unicode NFD), for a person who exists under the composed id. An id
	 * taken before a rule was added still reads its contact.
	 */
	public void refuseInvalidId(String id, String field) {
		if (VALID_ID.isValid(id, null) || contacts.exists(id)) {
			return;
		}
		if (!Normalizer.isNormalized(id, Normalizer.Form.NFC)) {
			throw new InvalidFieldException(field, "is written with accents as separate marks: contact ids are in"
					+ " Unicode's composed form (NFC), as keyboards type them");
		}
		throw new InvalidFieldException(field, ContactId.MESSAGE);
	}

	/**
	 * 404 for an id with no contact and nothing recorded under it (an id mistyped): an
	 * empty list would read as a contact who has nothing yet.
	 */
	public <T extends Collection<?>> T requireRecorded(String id, String field, T recorded) {
		if (recorded.isEmpty() && !contacts.exists(id)) {
			throw new RefusedException(HttpStatus.NOT_FOUND, "Unknown contact", field, "No contact '" + id + "'");
		}
		return recorded;
	}

	/**
	 * Locks the contact until the current transaction ends; false when there is no such
	 * contact.
	 */
	@Transactional
	public boolean lock(String id) {
		return contacts.lock(id);
	}

	/**
	 * Creates the contact or merges what is given, as of {@code statedAt}, into it:
	 * absent fields keep their value, each consent that changes is recorded with its time
	 * and source. Details and consents changed after {@code statedAt} are kept.
	 */
	@Transactional
	public Contact merge(String id, ContactDetails details, Instant statedAt, String source) {
		return createOrMerge(id, details, statedAt, source).contact();
	}

	/**
	 * {@link #merge}, saying whether this call created the contact: of two callers
	 * creating the same contact at once, one did.
	 */
	@Transactional
	public Saved createOrMerge(String id, ContactDetails details, Instant statedAt, String source) {
		Instant now = clock.instant();
		boolean created = insertOrLock(id, now);
		Contact current = contacts.find(id).orElseThrow();
		boolean latest = contacts.mergeDetails(id, stated(details), statedAt, now);
		if (!latest) {
			log.info("Details of contact {} as of {} ({}) only fill what it lacks: stated later already", id, statedAt,
					source);
		}
		applyConsents(current, details.consents(), statedAt, source, false);
		return new Saved(contacts.find(id).orElseThrow(), created);
	}

	/**
	 * Replaces the contact's details ({@code PUT}); consents given are recorded, others
	 * kept. This is the explicit way to record consent given anew after an opt-out the
	 * person made through a provider.
	 */
	@Transactional
	public Contact replace(String id, ContactDetails details, String consentSource) {
		return createOrReplace(id, details, consentSource).contact();
	}

	/** {@link #replace}, saying whether this call created the contact. */
	@Transactional
	public Saved createOrReplace(String id, ContactDetails details, String consentSource) {
		Instant now = clock.instant();
		boolean created = insertOrLock(id, now);
		Contact current = contacts.find(id).orElseThrow();
		contacts.replaceDetails(id, stated(details), DEFAULT_LOCALE, DEFAULT_TIME_ZONE, now);
		applyConsents(current, details.consents(), now, consentSource, true);
		return new Saved(contacts.find(id).orElseThrow(), created);
	}

	/**
	 * Creates the contact, or locks the one that exists; true when this call created it.
	 * A contact erased between the two is created anew, as if the erasure had come first.
	 */
	private boolean insertOrLock(String id, Instant now) {
		boolean created = contacts.insertIfAbsent(id, DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LifecycleStage.SUBSCRIBER,
				now);
		while (!contacts.lock(id)) {
			created = contacts.insertIfAbsent(id, DEFAULT_LOCALE, DEFAULT_TIME_ZONE, LifecycleStage.SUBSCRIBER, now);
		}
		return created;
	}

	@Transactional
	public void withdrawConsent(String id, Set<Channel> channels, Instant at, String source) {
		Contact contact = contacts.find(id).orElse(null);
		if (contact == null) {
			return;
		}
		for (Channel channel : channels) {
			if (contact.consentsTo(channel)) {
				contacts.saveConsent(id, channel, false, at, source);
				log.info("Consent to {} withdrawn for contact {} ({})", channel, id, source);
			}
			else if (isOptOutThroughProvider(source) && !isOptOutThroughProvider(sourceOf(contact, channel))) {
				// already off, but the person's own opt-out must be on record, or the
				// shop restating its old "true" would switch the channel back on
				contacts.saveConsent(id, channel, false, at, marked(source, ALREADY_OFF));
				log.info("Opt-out from {} recorded for contact {} ({}), whose consent was already off", channel, id,
						source);
			}
			else if (!isOptOutThroughProvider(source) && isOptOutThroughProvider(sourceOf(contact, channel))) {
				// the shop withdraws too: a START from the person then gives nothing
				// back,
				// and the person's opt-out stays on record against a restated "true"
				Consent optOut = contact.consents().get(channel);
				Instant since = optOut.changedAt();
				contacts.saveConsent(id, channel, false, since != null && since.isAfter(at) ? since : at,
						marked(optOut.source(), SHOP_TOO));
				log.info("Withdrawal of {} by the shop recorded for contact {} ({}), who had opted out already",
						channel, id, source);
			}
			else if (!isOptOutThroughProvider(source) && !newerThan(contact.consents().get(channel), at)) {
				// never given, or off since before: the withdrawal goes on record with
				// its
				// moment, or a consent stated before it and arriving after it would count
				contacts.saveConsent(id, channel, false, at, source);
				log.info("Withdrawal of {} recorded for contact {} ({}), whose consent was not on", channel, id,
						source);
			}
		}
	}

	private static boolean newerThan(Consent consent, Instant at) {
		return consent != null && consent.changedAt() != null && !consent.changedAt().isBefore(at);
	}

	/**
	 * Gives back a consent the person withdrew through the provider (an SMS STOP, a
	 * suppression), as an SMS START does; a consent never given, or withdrawn through the
	 * shop, stays off: a "YES" texted back is no opt-in.
	 */
	@Transactional
	public boolean giveBackConsent(String id, Channel channel, Instant at, String source) {
		Contact contact = contacts.find(id).orElse(null);
		String withdrawnBy = contact == null ? null : sourceOf(contact, channel);
		if (contact == null || contact.consentsTo(channel) || !isOptOutThroughProvider(withdrawnBy)
				|| startDoesNotUndo(withdrawnBy)) {
			return false;
		}
		saveConsent(id, channel, true, at, source);
		return true;
	}

	/** The ids of the contacts with this phone number (E.164). */
	public List<String> idsWithPhone(String phone) {
		return contacts.idsWithPhone(phone);
	}

	/**
	 * Counts an order in the contact's totals; a customer whose latest order this is is
	 * active again (an old order arriving late leaves a dormant customer dormant).
	 */
	@Transactional
	public void recordOrder(String id, BigDecimal amount, String currency, Instant orderedAt) {
		Instant now = clock.instant();
		Instant lastOrderAt = contacts.find(id).map(Contact::lastOrderAt).orElse(null);
		contacts.addOrder(id, amount, currency, orderedAt, now);
		if (lastOrderAt == null || !orderedAt.isBefore(lastOrderAt)) {
			contacts.setStage(id, LifecycleStage.ACTIVE, now);
		}
	}

	@Transactional
	public void changeStage(String id, LifecycleStage stage) {
		contacts.setStage(id, stage, clock.instant());
	}

	/**
	 * Erases the person: their row here, and everything other features keep about them
	 * (GDPR art. 17). No contact, no erasure: a request answered "unknown" (an erasure
	 * sent twice, the second after the id signed up anew) changes nothing, the new
	 * person's journey included.
	 */
	@Transactional
	public boolean erase(String id) {
		ContactErased.PersonalData erased = contacts.find(id)
			.map(contact -> new ContactErased.PersonalData(contact.email(), contact.phone(), contact.firstName()))
			.orElse(null);
		if (contacts.delete(id) == 0) {
			return false;
		}
		events.publishEvent(ContactErased.of(id, erased));
		log.info("Contact {} erased", id);
		return true;
	}

	/**
	 * A consent stated as of a moment before the contact's last change of it (an old
	 * event arriving late, a shop resending a stale profile) does not undo that change: a
	 * STOP or a spam report stays until consent is given anew, after it.
	 */
	private void applyConsents(Contact current, Map<Channel, Boolean> consents, Instant at, String source,
			boolean explicit) {
		consents.forEach((channel, granted) -> {
			Consent existing = current.consents().get(channel);
			if (granted == null || existing != null && existing.granted() == granted) {
				return;
			}
			if (granted && !explicit && existing != null && isOptOutThroughProvider(existing.source())) {
				log.info(
						"Consent to {} of contact {} restated by {} ignored: the person opted out through {} at {}; "
								+ "consent given anew is recorded by PUT /api/contacts/{id} (or START by SMS)",
						channel, current.id(), source, existing.source(), existing.changedAt());
				return;
			}
			if (existing != null && existing.changedAt() != null && existing.changedAt().isAfter(at)) {
				log.info("Consent to {} of contact {} as of {} ({}) ignored: changed later, at {} ({})", channel,
						current.id(), at, source, existing.changedAt(), existing.source());
				return;
			}
			saveConsent(current.id(), channel, granted, at, source);
		});
	}

	/**
	 * STOP, an unsubscribe link, a spam report, a bounce: the shop's profile, restated in
	 * events and imports, does not know of it, so its "consent: true" cannot undo it.
	 */
	private static String sourceOf(Contact contact, Channel channel) {
		Consent consent = contact.consents().get(channel);
		return consent == null ? null : consent.source();
	}

	/**
	 * The opt-out's source, marked (once) as one a START does not undo, within the 120
	 * characters of {@code contact_consent.source}.
	 */
	private static String marked(String source, String mark) {
		if (startDoesNotUndo(source)) {
			return source;
		}
		int room = 120 - mark.length();
		return (source.length() > room ? source.substring(0, room) : source) + mark;
	}

	private static boolean startDoesNotUndo(String source) {
		return source.endsWith(ALREADY_OFF) || source.endsWith(SHOP_TOO);
	}

	private static boolean isOptOutThroughProvider(String source) {
		return source != null && OPT_OUT_SOURCES.stream().anyMatch(source::startsWith);
	}

	private void saveConsent(String id, Channel channel, boolean granted, Instant at, String source) {
		contacts.saveConsent(id, channel, granted, at, source);
		if (granted) {
			events.publishEvent(new ConsentGranted(id, channel, at, source));
		}
	}

	private static Contacts.StatedDetails stated(ContactDetails details) {
		return new Contacts.StatedDetails(details.email(), PhoneNumbers.toE164(details.phone()).orElse(null),
				details.firstName(), details.locale(), details.timeZone());
	}

}
