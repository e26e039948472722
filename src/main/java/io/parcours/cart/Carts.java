package io.parcours.cart;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.config.InsertOnce;
import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code cart} table, keyed by the shop's cart id: a newer report of the same cart
 * replaces the older one. Journeys keep only the cart id; reminders read the items here
 * at send time.
 */
@Repository
public class Carts {

	private static final TypeReference<List<Cart.Item>> ITEMS = new TypeReference<>() {
	};

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	private final ObjectMapper mapper;

	private final Clock clock;

	Carts(JdbcClient jdbc, InsertOnce insertOnce, ObjectMapper mapper, Clock clock) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
		this.mapper = mapper;
		this.clock = clock;
	}

	/** What storing a cart report did. */
	public enum Saved {

		/** A cart not seen before. */
		NEW,
		/** A known cart, abandoned again after the stored report: stored. */
		ABANDONED_AGAIN,
		/** A known cart, reported again (retried, or late): the stored report stays. */
		KNOWN,
		/** A cart of another contact: nothing stored. */
		OF_ANOTHER_CONTACT;

		public boolean stored() {
			return this == NEW || this == ABANDONED_AGAIN;
		}

	}

	/**
	 * Stores the report unless the same cart is stored with an abandonment as late or
	 * later (a report retried or delivered late), or is another contact's.
	 */
	public Saved save(Cart cart) {
		String items = write(cart.items());
		// as precise as the column, so a report retried with the same moment compares
		// equal
		Instant abandonedAt = cart.abandonedAt().truncatedTo(ChronoUnit.MICROS);
		if (insertOnce.insert(() -> jdbc.sql("""
				insert into cart (cart_id, contact_id, amount, currency, items, cart_url, abandoned_at, updated_at)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(cart.cartId(), cart.contactId(), cart.value(), cart.currency(), items, cart.cartUrl(),
					at(abandonedAt), at(clock.instant()))
			.update())) {
			return Saved.NEW;
		}
		if (ownerOf(cart.cartId()).filter(owner -> !owner.equals(cart.contactId())).isPresent()) {
			return Saved.OF_ANOTHER_CONTACT;
		}
		boolean later = jdbc.sql("""
				update cart set amount = ?, currency = ?, items = ?, cart_url = ?, abandoned_at = ?, updated_at = ?
				where cart_id = ? and contact_id = ? and abandoned_at < ?""")
			.params(cart.value(), cart.currency(), items, cart.cartUrl(), at(abandonedAt), at(clock.instant()),
					cart.cartId(), cart.contactId(), at(abandonedAt))
			.update() > 0;
		return later ? Saved.ABANDONED_AGAIN : Saved.KNOWN;
	}

	/** Whether no other cart of the contact was abandoned after this one. */
	public boolean isContactsLatest(Cart cart) {
		return jdbc.sql("select count(*) from cart where contact_id = ? and cart_id <> ? and abandoned_at > ?")
			.params(cart.contactId(), cart.cartId(), at(cart.abandonedAt()))
			.query(Integer.class)
			.single() == 0;
	}

	/** The contact whose cart this is, if the cart is known. */
	public Optional<String> ownerOf(String cartId) {
		return jdbc.sql("select contact_id from cart where cart_id = ?").param(cartId).query(String.class).optional();
	}

	public Optional<Cart> find(String cartId) {
		return jdbc.sql("select * from cart where cart_id = ?").param(cartId).query(this::map).optional();
	}

	@EventListener
	void erase(ContactErased erased) {
		jdbc.sql("delete from cart where contact_id = ?").param(erased.contactId()).update();
	}

	private Cart map(ResultSet rs, int row) throws SQLException {
		try {
			return new Cart(rs.getString("cart_id"), rs.getString("contact_id"), rs.getBigDecimal("amount"),
					rs.getString("currency"), mapper.readValue(rs.getString("items"), ITEMS), rs.getString("cart_url"),
					instant(rs, "abandoned_at"));
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Items of cart " + rs.getString("cart_id") + " cannot be read back", e);
		}
	}

	private String write(List<Cart.Item> items) {
		try {
			return mapper.writeValueAsString(items);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Cart items cannot be serialised", e);
		}
	}

}
