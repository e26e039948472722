package io.parcours.reactivation;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.parcours.TestContacts;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Customers whose last order lies a given time in the past, and their new orders. */
@Component
class DormantCustomers {

	private final TestContacts contacts;

	private final ContactService service;

	private final EventIngestion events;

	private final Clock clock;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	DormantCustomers(TestContacts contacts, ContactService service, EventIngestion events, Clock clock,
			JdbcTemplate jdbc, TransactionTemplate transaction) {
		this.jdbc = jdbc;
		this.transaction = transaction;
		this.contacts = contacts;
		this.service = service;
		this.events = events;
		this.clock = clock;
	}

	Contact lastOrdered(Duration ago, boolean email, boolean sms) {
		return lastOrderedAt(clock.instant().minus(ago), email, sms);
	}

	Contact lastOrderedAt(Instant at, boolean email, boolean sms) {
		Contact contact = contacts.withConsent(email, sms);
		service.recordOrder(contact.id(), new BigDecimal("30.00"), "EUR", at);
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

	/** Seeds {@code count} dormant customers at once (see {@link DormantBase}). */
	List<String> seed(String prefix, int count) {
		return DormantBase.seed(jdbc, transaction, prefix, count, clock.instant());
	}

	static String newOrderId() {
		return TestContacts.newId("o");
	}

}
