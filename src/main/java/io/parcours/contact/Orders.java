package io.parcours.contact;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.parcours.config.InsertOnce;

import org.springframework.context.event.EventListener;
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

	/** The contact an order was recorded for. */
	public Optional<String> ownerOf(String orderId) {
		return jdbc.sql("select contact_id from customer_order where order_id = ?")
			.param(orderId)
			.query(String.class)
			.optional();
	}

	/** Records what a new order contained, line by line. */
	public void recordLines(String orderId, List<Line> lines) {
		for (int line = 0; line < lines.size(); line++) {
			Line item = lines.get(line);
			jdbc.sql("""
					insert into customer_order_item (order_id, line, sku, name, quantity, price)
					values (?, ?, ?, ?, ?, ?)""")
				.params(orderId, line + 1, item.sku(), item.name(), item.quantity(), item.price())
				.update();
		}
	}

	/**
	 * The names of what the contact bought, most recent first, each name once, at most
	 * {@code limit}.
	 */
	public List<String> recentlyBought(String contactId, int limit) {
		return jdbc.sql("""
				select i.name from customer_order_item i join customer_order o on o.order_id = i.order_id
				where o.contact_id = ?
				group by i.name order by max(o.ordered_at) desc, i.name limit ?""")
			.params(contactId, limit)
			.query(String.class)
			.list();
	}

	/** The contact's first order dated at or after the moment, if one is recorded. */
	public Optional<Order> firstSince(String contactId, Instant since) {
		return jdbc.sql("""
				select order_id, amount, currency, ordered_at from customer_order
				where contact_id = ? and ordered_at >= ? order by ordered_at, order_id limit 1""")
			.params(contactId, at(since))
			.query((rs, row) -> new Order(rs.getString("order_id"), rs.getBigDecimal("amount"),
					rs.getString("currency"), instant(rs, "ordered_at")))
			.optional();
	}

	/**
	 * The first order of the contact placed at or after {@code since} that converted no
	 * instance of the journey yet: an order recovers one cart, not every cart reported
	 * before it.
	 */
	public Optional<Order> firstNotConvertingSince(String contactId, Instant since, String journey) {
		return jdbc.sql("""
				select order_id, amount, currency, ordered_at from customer_order o
				where contact_id = ? and ordered_at >= ?
				  and not exists (select 1 from conversion c where c.order_id = o.order_id and c.journey = ?)
				order by ordered_at, order_id limit 1""")
			.params(contactId, at(since), journey)
			.query((rs, row) -> new Order(rs.getString("order_id"), rs.getBigDecimal("amount"),
					rs.getString("currency"), instant(rs, "ordered_at")))
			.optional();
	}

	/**
	 * What an erased person bought is theirs too: the lines go, the order totals stay.
	 */
	@EventListener
	void forget(ContactErased erased) {
		jdbc.sql("""
				delete from customer_order_item
				where order_id in (select order_id from customer_order where contact_id = ?)""")
			.param(erased.contactId())
			.update();
		erased.refile(jdbc, "customer_order");
	}

	/** An order as recorded: its shop id, amount and when it was placed. */
	public record Order(String orderId, BigDecimal amount, String currency, Instant orderedAt) {
	}

	/** One line of an order: what was bought, how many, at what unit price. */
	public record Line(String sku, String name, int quantity, BigDecimal price) {
	}

}
