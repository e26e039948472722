package io.parcours.journey;

import static io.parcours.config.Sql.at;

import java.math.BigDecimal;
import java.time.Instant;

import io.parcours.config.InsertOnce;
import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders attributed to the journey instance they converted, with their revenue and A/B
 * variant. A journey converts once, on its first order: one that goes on waiting for
 * orders (a loyalty loop) receives the later ones, which count for the contact, not as
 * conversions again.
 */
@Repository
public class Conversions {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Conversions(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	public void record(CorrelatedJourney journey, String contactId, String orderId, BigDecimal revenue, String currency,
			Instant convertedAt) {
		insertOnce.insert(() -> jdbc
			.sql("""
					insert into conversion (process_instance_id, journey, contact_id, order_id, revenue, currency, variant, converted_at)
					values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(journey.processInstanceId(), journey.journey(), contactId, orderId, revenue, currency,
					journey.variant(), at(convertedAt))
			.update());
	}

	public boolean converted(String processInstanceId) {
		return jdbc.sql("select count(*) from conversion where process_instance_id = ?")
			.param(processInstanceId)
			.query(Integer.class)
			.single() > 0;
	}

	/** Kept for the figures, no longer under the shop's id ({@link ContactErased}). */
	@EventListener
	void refile(ContactErased erased) {
		erased.refile(jdbc, "conversion");
	}

}
