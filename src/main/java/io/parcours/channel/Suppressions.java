package io.parcours.channel;

import static io.parcours.config.Sql.at;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import io.parcours.config.InsertOnce;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ConsentGranted;
import io.parcours.contact.ContactService;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The {@code suppression} table: channels of contacts that must not be used again (hard
 * bounce, spam report, invalid number, opted out at the provider), and
 * {@code suppressed_address}: the addresses they were refused at, by key. Suppressing
 * also withdraws the consent to the channel, so journeys that check consent take another
 * path; only a consent given anew lifts the suppression.
 */
@Repository
public class Suppressions implements DeliveryPolicy.SuppressionLookup {

	public static final String HARD_BOUNCE = "hard-bounce";

	public static final String SPAM_REPORT = "spam-report";

	public static final String INVALID_ADDRESS = "invalid-address";

	public static final String INVALID_NUMBER = "invalid-number";

	public static final String OPTED_OUT = "opted-out";

	private static final Logger log = LoggerFactory.getLogger(Suppressions.class);

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	private final ContactService contacts;

	Suppressions(JdbcClient jdbc, InsertOnce insertOnce, ContactService contacts) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
		this.contacts = contacts;
	}

	/** The contact's own suppression of the channel. */
	public Optional<String> reasonFor(String contactId, Channel channel) {
		return jdbc.sql("select reason from suppression where contact_id = ? and channel = ?")
			.params(contactId, channel.value())
			.query(String.class)
			.optional();
	}

	/**
	 * The contact's own suppression, else one of its address: a bounce, a spam report, an
	 * invalid number or an SMS STOP is about the address, whichever contact it was sent
	 * to or came from, and whoever has it now.
	 */
	@Override
	public Optional<String> reasonFor(Contact contact, Channel channel) {
		Optional<String> own = reasonFor(contact.id(), channel);
		String key = addressKey(channel, contact.addressFor(channel));
		if (own.isPresent() || key == null) {
			return own;
		}
		return jdbc.sql("select reason from suppressed_address where channel = ? and address_key = ?")
			.params(channel.value(), key)
			.query(String.class)
			.optional();
	}

	/**
	 * Suppresses the channel of the contact, at its current address, and withdraws its
	 * consent.
	 */
	@Transactional
	public void suppress(String contactId, Channel channel, String reason, String source, Instant at) {
		suppress(contactId, channel, null, reason, source, at);
	}

	/**
	 * Suppresses the channel of the contact and the address the provider refused (the
	 * contact's current one when not known), and withdraws the contact's consent. The
	 * address stays suppressed when the contact is erased, and is suppressed alone when
	 * the provider reports after the erasure.
	 */
	@Transactional
	public void suppress(String contactId, Channel channel, String address, String reason, String source, Instant at) {
		Optional<Contact> contact = contacts.find(contactId);
		String key = addressKey(channel,
				address != null ? address : contact.map(c -> c.addressFor(channel)).orElse(null));
		if (key != null) {
			insertOnce.insert(() -> jdbc.sql("""
					insert into suppressed_address (channel, address_key, reason, created_at, contact_id)
					values (?, ?, ?, ?, ?)""").params(channel.value(), key, reason, at(at), contactId).update());
		}
		if (contact.isEmpty()) {
			if (key != null) {
				log.info("{} address of erased contact {} suppressed: {} ({})", channel, contactId, reason, source);
			}
			else {
				log.warn("{} of erased contact {} not suppressed ({}, {}): the report does not say the address",
						channel, contactId, reason, source);
			}
			return;
		}
		boolean inserted = insertOnce.insert(() -> jdbc.sql("""
				insert into suppression (contact_id, channel, reason, source, created_at, address_key)
				values (?, ?, ?, ?, ?, ?)""").params(contactId, channel.value(), reason, source, at(at), key).update());
		contacts.withdrawConsent(contactId, Set.of(channel), at, "suppression:" + reason);
		if (inserted) {
			log.info("{} of contact {} suppressed: {} ({})", channel, contactId, reason, source);
		}
	}

	private static String addressKey(Channel channel, String address) {
		return channel == Channel.EMAIL ? AddressKeys.ofEmail(address) : AddressKeys.ofPhone(address);
	}

	/**
	 * An SMS STOP from the number: no contact with it, now or later, is texted until a
	 * START from the number (as Twilio itself refuses).
	 */
	public void optOutNumber(String e164, Instant at) {
		insertOnce.insert(() -> jdbc.sql("""
				insert into suppressed_address (channel, address_key, reason, created_at) values (?, ?, ?, ?)""")
			.params(Channel.SMS.value(), AddressKeys.ofPhone(e164), OPTED_OUT, at(at))
			.update());
	}

	/** An SMS START from the number: its opt-outs go, whichever contact's they were. */
	public void optInNumber(String e164) {
		jdbc.sql("delete from suppressed_address where channel = ? and address_key = ? and reason = ?")
			.params(Channel.SMS.value(), AddressKeys.ofPhone(e164), OPTED_OUT)
			.update();
	}

	/**
	 * The person whose channel was suppressed gave consent anew: their suppression goes,
	 * and so do the addresses their bounces and reports put on the list. An address
	 * another person's report put there stays, even when this contact now has it; and
	 * another contact with an address (a new sign-up consenting, say) lifts nothing.
	 */
	@EventListener
	void lift(ConsentGranted granted) {
		Optional<String> refused = jdbc
			.sql("select address_key from suppression where contact_id = ? and channel = ? and address_key is not null")
			.params(granted.contactId(), granted.channel().value())
			.query(String.class)
			.optional();
		int lifted = jdbc.sql("delete from suppression where contact_id = ? and channel = ?")
			.params(granted.contactId(), granted.channel().value())
			.update();
		if (lifted > 0) {
			jdbc.sql("delete from suppressed_address where channel = ? and contact_id = ?")
				.params(granted.channel().value(), granted.contactId())
				.update();
			// listed before the list kept whose they were: the address refused, else
			// theirs
			String listedBefore = refused.orElseGet(() -> contacts.find(granted.contactId())
				.map(contact -> addressKey(granted.channel(), contact.addressFor(granted.channel())))
				.orElse(null));
			jdbc.sql("delete from suppressed_address where channel = ? and address_key = ? and contact_id is null")
				.params(granted.channel().value(), listedBefore)
				.update();
			log.info("Suppression of {} lifted for contact {}: consent given anew ({})", granted.channel(),
					granted.contactId(), granted.source());
		}
	}

}
