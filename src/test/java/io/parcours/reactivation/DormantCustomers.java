package io.parcours.reactivation;

import static io.parcours.config.Sql.at;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.parcours.TestContacts;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Customers whose last order lies a given time in the past, and their new orders. */
@Component
class DormantCustomers {

	private final TestContacts contacts;

	private final ContactService service;

	private final EventIngestion events;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	DormantCustomers(TestContacts contacts, ContactService service, EventIngestion events, Clock clock,
			JdbcTemplate jdbc) {
		this.jdbc = jdbc;
		this.contacts = contacts;
		this.service = service;
		this.events = events;
		this.clock = clock;
	}

	Contact lastOrdered(Duration ago, boolean email, boolean sms) {
		Contact contact = contacts.withConsent(email, sms);
		service.recordOrder(contact.id(), new BigDecimal("30.00"), clock.instant().minus(ago));
		return service.find(contact.id()).orElseThrow();
	}

	Contact dormant(boolean email, boolean sms) {
		return lastOrdered(Duration.ofDays(120), email, sms);
	}

	/** The shop reports an order, as {@code POST /api/events} would. */
	void orders(Contact contact, String orderId, BigDecimal value, List<Map<String, Object>> items) {
		events.accept(new EventRequest("evt-" + orderId, EventType.ORDER_COMPLETED, contact.id(), null, null,
				Map.of("orderId", orderId, "value", value, "currency", "EUR", "items", items)));
	}

	/**
	 * Seeds {@code count} dormant customers with ids {@code prefix-00000...}, in two
	 * batches: the fast way to a base of hundreds.
	 */
	List<String> seed(String prefix, int count) {
		Instant now = clock.instant();
		Instant lastOrder = now.minus(Duration.ofDays(200));
		List<String> ids = IntStream.range(0, count).mapToObj(i -> String.format("%s-%05d", prefix, i)).toList();
		jdbc.batchUpdate("""
				insert into contact (id, email, first_name, locale, time_zone, lifecycle_stage, orders_count, revenue,
				  last_order_at, created_at, updated_at)
				values (?, ?, 'Ana', 'en', 'UTC', 'active', 1, 30, ?, ?, ?)""", ids, 500, (statement, id) -> {
			statement.setString(1, id);
			statement.setString(2, id + "@example.com");
			statement.setObject(3, at(lastOrder));
			statement.setObject(4, at(now));
			statement.setObject(5, at(now));
		});
		jdbc.batchUpdate("""
				insert into contact_consent (contact_id, channel, granted, changed_at, source)
				values (?, 'email', true, ?, 'test')""", ids, 500, (statement, id) -> {
			statement.setString(1, id);
			statement.setObject(2, at(now));
		});
		return ids;
	}

	static String newOrderId() {
		return TestContacts.newId("o");
	}

}
