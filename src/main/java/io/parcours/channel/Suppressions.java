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
 * bounce, spam report, invalid number, opted out at the provider). Suppressing also
 * withdraws the consent to the channel, so journeys that check consent take another path;
 * only a consent given anew lifts the suppression.
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
	 * The contact's own suppression, else one of its email address (in any case): a
	 * bounce or a spam report is about the address, whichever contact it was sent to (an
	 * SMS STOP already reaches every contact with the number: {@code TwilioInbound}).
	 */
	@Override
	public Optional<String> reasonFor(Contact contact, Channel channel) {
		Optional<String> own = reasonFor(contact.id(), channel);
		if (own.isPresent() || channel != Channel.EMAIL || contact.email() == null) {
			return own;
		}
		return jdbc.sql("""
				select s.reason from contact c join suppression s on s.contact_id = c.id and s.channel = ?
				where c.email_key = lower(?) order by s.created_at fetch first 1 rows only""")
			.params(channel.value(), contact.email())
			.query(String.class)
			.optional();
	}

	/**
	 * Suppresses the channel of the contact and withdraws its consent; nothing when the
	 * contact is unknown or the channel already suppressed.
	 */
	@Transactional
	public void suppress(String contactId, Channel channel, String reason, String source, Instant at) {
		if (!contacts.exists(contactId)) {
			return;
		}
		boolean inserted = insertOnce.insert(() -> jdbc.sql("""
				insert into suppression (contact_id, channel, reason, source, created_at) values (?, ?, ?, ?, ?)""")
			.params(contactId, channel.value(), reason, source, at(at))
			.update());
		contacts.withdrawConsent(contactId, Set.of(channel), at, "suppression:" + reason);
		if (inserted) {
			log.info("{} of contact {} suppressed: {} ({})", channel, contactId, reason, source);
		}
	}

	@EventListener
	void lift(ConsentGranted granted) {
		int lifted = jdbc.sql("delete from suppression where contact_id = ? and channel = ?")
			.params(granted.contactId(), granted.channel().value())
			.update();
		if (lifted > 0) {
			log.info("Suppression of {} lifted for contact {}: consent given anew ({})", granted.channel(),
					granted.contactId(), granted.source());
		}
	}

}
