package io.parcours.contact;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.parcours.config.InsertOnce;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The contact table and its consents. */
@Repository
public class Contacts {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Contacts(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	public Optional<Contact> find(String id) {
		return jdbc.sql("select * from contact where id = ?")
			.param(id)
			.query((rs, row) -> map(rs, consentsOf(id)))
			.optional();
	}

	public boolean exists(String id) {
		return jdbc.sql("select count(*) from contact where id = ?").param(id).query(Integer.class).single() > 0;
	}

	/**
	 * Locks the contact's row until the transaction ends, so that events of one contact
	 * are applied one at a time even across nodes. Returns false when there is no such
	 * contact.
	 */
	public boolean lock(String id) {
		return jdbc.sql("select id from contact where id = ? for update")
			.param(id)
			.query(String.class)
			.optional()
			.isPresent();
	}

	List<String> idsWithPhone(String phone) {
		return jdbc.sql("select id from contact where phone = ? order by id").param(phone).query(String.class).list();
	}

	/** Inserts a new contact; false when another transaction created it first. */
	boolean insertIfAbsent(String id, String locale, String timeZone, LifecycleStage stage, Instant now) {
		return insertOnce.insert(() -> jdbc.sql("""
				insert into contact (id, locale, time_zone, lifecycle_stage, created_at, updated_at)
				values (?, ?, ?, ?, ?, ?)""").params(id, locale, timeZone, stage.value(), at(now), at(now)).update());
	}

	void replaceDetails(String id, String email, String phone, String firstName, String locale, String timeZone,
			Instant now) {
		jdbc.sql("""
				update contact set email = ?, phone = ?, first_name = ?, locale = ?, time_zone = ?, details_at = ?,
				  updated_at = ?
				where id = ?""").params(email, phone, firstName, locale, timeZone, at(now), at(now), id).update();
	}

	/**
	 * Writes the details as stated at {@code statedAt}, unless the contact's were stated
	 * later: then only the fields the contact lacks are filled. False in that case.
	 */
	boolean mergeDetails(String id, String email, String phone, String firstName, String locale, String timeZone,
			Instant statedAt, Instant now) {
		int updated = jdbc.sql("""
				update contact set email = ?, phone = ?, first_name = ?, locale = ?, time_zone = ?, details_at = ?,
				  updated_at = ?
				where id = ? and (details_at is null or details_at <= ?)""")
			.params(email, phone, firstName, locale, timeZone, at(statedAt), at(now), id, at(statedAt))
			.update();
		if (updated > 0) {
			return true;
		}
		jdbc.sql("""
				update contact set email = coalesce(email, ?), phone = coalesce(phone, ?),
				  first_name = coalesce(first_name, ?), updated_at = ?
				where id = ?""").params(email, phone, firstName, at(now), id).update();
		return false;
	}

	void saveConsent(String id, Channel channel, boolean granted, Instant at, String source) {
		int updated = jdbc
			.sql("""
					update contact_consent set granted = ?, changed_at = ?, source = ? where contact_id = ? and channel = ?""")
			.params(granted, at(at), source, id, channel.value())
			.update();
		if (updated == 0) {
			jdbc.sql(
					"insert into contact_consent (contact_id, channel, granted, changed_at, source) values (?, ?, ?, ?, ?)")
				.params(id, channel.value(), granted, at(at), source)
				.update();
		}
	}

	void addOrder(String id, BigDecimal amount, String currency, Instant orderedAt, Instant now) {
		jdbc.sql(
				"""
						update contact set orders_count = orders_count + 1,
						  revenue = case when revenue_currency is null or revenue_currency = ? then revenue + ? else revenue end,
						  revenue_currency = coalesce(revenue_currency, ?),
						  last_order_at = case when last_order_at is null or last_order_at < ? then ? else last_order_at end,
						  updated_at = ?
						where id = ?""")
			.params(currency, amount, currency, at(orderedAt), at(orderedAt), at(now), id)
			.update();
	}

	void setStage(String id, LifecycleStage stage, Instant now) {
		jdbc.sql("update contact set lifecycle_stage = ?, updated_at = ? where id = ?")
			.params(stage.value(), at(now), id)
			.update();
	}

	int delete(String id) {
		return jdbc.sql("delete from contact where id = ?").param(id).update();
	}

	private Map<Channel, Consent> consentsOf(String id) {
		Map<Channel, Consent> consents = new EnumMap<>(Channel.class);
		jdbc.sql("select channel, granted, changed_at, source from contact_consent where contact_id = ?")
			.param(id)
			.query(rs -> {
				consents.put(Channel.fromValue(rs.getString("channel")),
						new Consent(rs.getBoolean("granted"), instant(rs, "changed_at"), rs.getString("source")));
			});
		return consents;
	}

	private static Contact map(ResultSet rs, Map<Channel, Consent> consents) throws SQLException {
		return new Contact(rs.getString("id"), rs.getString("email"), rs.getString("phone"), rs.getString("first_name"),
				rs.getString("locale"), rs.getString("time_zone"), Map.copyOf(consents),
				LifecycleStage.fromValue(rs.getString("lifecycle_stage")), rs.getInt("orders_count"),
				rs.getBigDecimal("revenue"), rs.getString("revenue_currency"), instant(rs, "last_order_at"),
				instant(rs, "created_at"), instant(rs, "updated_at"));
	}

}
