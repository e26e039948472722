package io.parcours.offer;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.parcours.config.InsertOnce;
import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code discount_code} table. A code is unique (primary key, drawn at random) and
 * issued once per journey step: the step's idempotency key is unique too, so a retried
 * step finds its first code.
 */
@Repository
public class DiscountCodes {

	/** No 0/O or 1/I: codes are typed by hand at checkout. */
	static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

	static final int LENGTH = 10;

	private static final int ATTEMPTS = 5;

	private final SecureRandom random = new SecureRandom();

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	private final Clock clock;

	DiscountCodes(JdbcClient jdbc, InsertOnce insertOnce, Clock clock) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
		this.clock = clock;
	}

	/** The code issued for this step, issued now if the step has none yet. */
	public DiscountCode issue(String idempotencyKey, String offerName, Offer offer, String contactId, String journey,
			String processInstanceId) {
		Optional<DiscountCode> earlier = findByKey(idempotencyKey);
		if (earlier.isPresent()) {
			return earlier.get();
		}
		Instant now = clock.instant();
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			String code = newCode();
			if (insertOnce.insert(() -> jdbc.sql("""
					insert into discount_code (code, idempotency_key, offer, percent, contact_id, journey,
					  process_instance_id, issued_at, valid_until)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
				.params(code, idempotencyKey, offerName, offer.percent(), contactId, journey, processInstanceId,
						at(now), at(now.plus(Duration.ofDays(offer.validDays()))))
				.update())) {
				return find(code).orElseThrow();
			}
			Optional<DiscountCode> concurrent = findByKey(idempotencyKey);
			if (concurrent.isPresent()) {
				return concurrent.get();
			}
		}
		throw new IllegalStateException("No free discount code after " + ATTEMPTS + " draws");
	}

	public Optional<DiscountCode> find(String code) {
		return jdbc.sql("select * from discount_code where code = ?").param(code).query(DiscountCodes::map).optional();
	}

	/**
	 * Marks the code used by an order of the contact it was issued to; false when it is
	 * unknown, was already used, or is another contact's (a test run's scripted order
	 * quoting a real code, a code passed on): such an order leaves the code as it is.
	 */
	public boolean redeem(String code, String contactId, String orderId, Instant at) {
		return jdbc.sql("""
				update discount_code set redeemed_by_order = ?, redeemed_at = ?
				where code = ? and contact_id = ? and redeemed_by_order is null""")
			.params(orderId, at(at), code, contactId)
			.update() == 1;
	}

	private Optional<DiscountCode> findByKey(String idempotencyKey) {
		return jdbc.sql("select * from discount_code where idempotency_key = ?")
			.param(idempotencyKey)
			.query(DiscountCodes::map)
			.optional();
	}

	private String newCode() {
		StringBuilder code = new StringBuilder(LENGTH);
		for (int i = 0; i < LENGTH; i++) {
			code.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return code.toString();
	}

	private static DiscountCode map(ResultSet rs, int row) throws SQLException {
		return new DiscountCode(rs.getString("code"), rs.getString("offer"), rs.getInt("percent"),
				rs.getString("contact_id"), rs.getString("journey"), rs.getString("process_instance_id"),
				instant(rs, "issued_at"), instant(rs, "valid_until"), rs.getString("redeemed_by_order"));
	}

	/** Kept for the figures, no longer under the shop's id ({@link ContactErased}). */
	@EventListener
	void refile(ContactErased erased) {
		erased.refile(jdbc, "discount_code");
	}

}
