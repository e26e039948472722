package io.parcours.event;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parcours.contact.Channel;
import io.parcours.contact.ContactDetails;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;

/**
 * The local demo: three contacts sign up at start-up, two of them leave a cart, and one
 * orders a little later, so Cockpit shows journeys waiting, sending and converting, and
 * the cart-reminder experiment gets its first contacts. Event ids are fixed: a restart
 * adds nothing.
 */
@Component
@ConditionalOnProperty("parcours.demo.seed")
class DemoEvents {

	private static final Logger log = LoggerFactory.getLogger(DemoEvents.class);

	static final Duration ORDER_DELAY = Duration.ofSeconds(15);

	private final EventIngestion ingestion;

	private final TaskScheduler scheduler;

	private final Clock clock;

	DemoEvents(EventIngestion ingestion, TaskScheduler scheduler, Clock clock) {
		this.ingestion = ingestion;
		this.scheduler = scheduler;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void seed() {
		signUp("demo-ana", new ContactDetails("ana@example.com", "+33612345678", "Ana", "fr-FR", "Europe/Paris",
				Map.of(Channel.EMAIL, true, Channel.SMS, true)));
		signUp("demo-ben", new ContactDetails("ben@example.com", null, "Ben", "en-GB", "Europe/London",
				Map.of(Channel.EMAIL, true)));
		signUp("demo-chloe", new ContactDetails("chloe@example.com", "+33698765432", "Chloé", "fr-FR", "Europe/Paris",
				Map.of(Channel.EMAIL, true, Channel.SMS, false)));
		abandonCart("demo-ana", "demo-cart-ana", "Linen lamp", new BigDecimal("89.00"));
		abandonCart("demo-chloe", "demo-cart-chloe", "Ceramic vase", new BigDecimal("34.50"));
		scheduler.schedule(
				() -> ingestion
					.accept(new EventRequest("demo-order-ben", EventType.ORDER_COMPLETED, "demo-ben", null, null,
							Map.of("orderId", "demo-order-1001", "value", new BigDecimal("59.90"), "currency", "EUR"))),
				clock.instant().plus(ORDER_DELAY));
		log.info("Demo contacts demo-ana, demo-ben and demo-chloe signed up, demo-ana and demo-chloe left a cart; "
				+ "demo-ben orders in {} s", ORDER_DELAY.toSeconds());
	}

	private void signUp(String contactId, ContactDetails contact) {
		ingestion.accept(
				new EventRequest("demo-signup-" + contactId, EventType.SIGNED_UP, contactId, null, contact, Map.of()));
	}

	private void abandonCart(String contactId, String cartId, String product, BigDecimal price) {
		ingestion.accept(new EventRequest("demo-cart-" + contactId, EventType.CART_ABANDONED, contactId, null, null,
				Map.of("cartId", cartId, "value", price, "currency", "EUR", "cartUrl",
						"https://shop.example/cart/" + cartId, "items",
						List.of(Map.of("sku", cartId, "name", product, "quantity", 1, "price", price)))));
	}

}
