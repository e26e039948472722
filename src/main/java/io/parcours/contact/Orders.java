package io.parcours.contact;

import static io.parcours.config.Sql.at;

import java.math.BigDecimal;
import java.time.Instant;

import io.parcours.config.InsertOnce;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders by their shop id: an order counts once, whatever the number of events that
 * report it.
 */
@Repository
public class Orders {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Orders(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	/** False when the order was already recorded. */
	public boolean recordIfNew(String orderId, String contactId, BigDecimal amount, String currency, Instant orderedAt,
			String eventId) {
		return insertOnce.insert(() -> jdbc.sql("""
				insert into customer_order (order_id, contact_id, amount, currency, ordered_at, event_id)
				values (?, ?, ?, ?, ?, ?)""")
			.params(orderId, contactId, amount, currency, at(orderedAt), eventId)
			.update());
	}

}
