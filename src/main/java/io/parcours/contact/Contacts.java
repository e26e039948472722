package io.parcours.contact;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
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

	/**
	 * Inserts a new contact with the default locale and time zone; false when another
	 * transaction created it first.
	 */
	boolean insertIfAbsent(String id, String locale, String timeZone, LifecycleStage stage, Instant now) {
		return insertOnce.insert(() -> jdbc.sql("""
				insert into contact (id, locale, time_zone, locale_defaulted, time_zone_defaulted, lifecycle_stage,
				  created_at, updated_at)
				values (?, ?, ?, true, true, ?, ?, ?)""")
			.params(id, locale, timeZone, stage.value(), at(now), at(now))
			.update());
	}

	/**
	 * The details a {@code PUT} states, absent fields included: no older event puts back
	 * what the person has since removed.
	 */
	void replaceDetails(String id, StatedDetails details, String defaultLocale, String defaultTimeZone, Instant now) {
		jdbc.sql("""
				update contact set email = :email, phone = :phone, first_name = :firstName,
				  locale = :locale, locale_defaulted = :localeDefaulted,
				  time_zone = :timeZone, time_zone_defaulted = :timeZoneDefaulted,
				  details_at = :now, details_replaced_at = :now, updated_at = :now
				where id = :id""")
			.param("email", details.email())
			.param("phone", details.phone())
			.param("firstName", details.firstName())
			.param("locale", Objects.requireNonNullElse(details.locale(), defaultLocale))
			.param("localeDefaulted", details.locale() == null)
			.param("timeZone", Objects.requireNonNullElse(details.timeZone(), defaultTimeZone))
			.param("timeZoneDefaulted", details.timeZone() == null)
			.param("now", at(now))
			.param("id", id)
			.update();
	}

	/**
	 * Writes the details given as stated at {@code statedAt} (absent ones are kept),
	 * unless the contact's were stated later: then only what the contact lacks is filled
	 * (a locale or time zone that is only the default counts as lacking), and nothing a
	 * {@code PUT} stated after {@code statedAt}. False in that case.
	 */
	boolean mergeDetails(String id, StatedDetails details, Instant statedAt, Instant now) {
		int updated = jdbc.sql("""
				update contact set email = coalesce(:email, email), phone = coalesce(:phone, phone),
				  first_name = coalesce(:firstName, first_name),
				  locale = coalesce(:locale, locale), locale_defaulted = locale_defaulted and :noLocale,
				  time_zone = coalesce(:timeZone, time_zone), time_zone_defaulted = time_zone_defaulted and :noTimeZone,
				  details_at = :statedAt, updated_at = :now
				where id = :id and (details_at is null or details_at <= :statedAt)""")
			.params(details.parameters(id, statedAt, now))
			.update();
		if (updated > 0) {
			return true;
		}
		jdbc.sql("""
				update contact set email = coalesce(email, :email), phone = coalesce(phone, :phone),
				  first_name = coalesce(first_name, :firstName),
				  locale = case when locale_defaulted then coalesce(:locale, locale) else locale end,
				  locale_defaulted = locale_defaulted and :noLocale,
				  time_zone = case when time_zone_defaulted then coalesce(:timeZone, time_zone) else time_zone end,
				  time_zone_defaulted = time_zone_defaulted and :noTimeZone,
				  updated_at = :now
				where id = :id and (details_replaced_at is null or details_replaced_at <= :statedAt)""")
			.params(details.parameters(id, statedAt, now))
			.update();
		return false;
	}

	/** The details an event or a request states; null where it says nothing. */
	record StatedDetails(String email, String phone, String firstName, String locale, String timeZone) {

		private Map<String, Object> parameters(String id, Instant statedAt, Instant now) {
			Map<String, Object> parameters = new HashMap<>();
			parameters.put("email", email);
			parameters.put("phone", phone);
			parameters.put("firstName", firstName);
			parameters.put("locale", locale);
			parameters.put("noLocale", locale == null);
			parameters.put("timeZone", timeZone);
			parameters.put("noTimeZone", timeZone == null);
			parameters.put("id", id);
			parameters.put("statedAt", at(statedAt));
			parameters.put("now", at(now));
			return parameters;
		}

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
