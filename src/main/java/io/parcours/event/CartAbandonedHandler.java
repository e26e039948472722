package io.parcours.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import io.parcours.cart.AbandonedCartStart;
import io.parcours.cart.Cart;
import io.parcours.cart.Carts;
import io.parcours.contact.Orders;
import io.parcours.journey.Conversions;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.SimulatedNow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code cart.abandoned}: the cart is stored (items and link stay out of the process
 * variables), then the contact's running abandoned-cart journey is pointed at this newer
 * cart, or a journey starts. A contact runs one cart journey at a time; a report older
 * than the cart a journey follows (delivered late, retried) changes nothing in it.
 */
@Component
class CartAbandonedHandler implements EventHandler<CartAbandoned> {

	private static final Logger log = LoggerFactory.getLogger(CartAbandonedHandler.class);

	private final Carts carts;

	private final Journeys journeys;

	private final AbandonedCartStart start;

	private final Orders orders;

	private final Conversions conversions;

	private final Clock clock;

	CartAbandonedHandler(Carts carts, Journeys journeys, AbandonedCartStart start, Orders orders,
			Conversions conversions, Clock clock) {
		this.carts = carts;
		this.journeys = journeys;
		this.start = start;
		this.orders = orders;
		this.conversions = conversions;
		this.clock = clock;
	}

	@Override
	public EventType type() {
		return EventType.CART_ABANDONED;
	}

	@Override
	public void handle(ReceivedEvent<CartAbandoned> event) {
		CartAbandoned cart = event.properties();
		List<Cart.Item> items = cart.items()
			.stream()
			.map(item -> new Cart.Item(item.sku(), item.name(), item.quantity(), item.price()))
			.toList();
		Cart reported = new Cart(cart.cartId(), event.contactId(), cart.value(), cart.currency(), items, cart.cartUrl(),
				event.occurredAt());
		boolean latest = carts.save(reported) && carts.isContactsLatest(reported);
		if (latest && journeys.update(ProcessKeys.ABANDONED_CART, event.contactId(), start.cartVariables(reported))) {
			return;
		}
		if (!latest) {
			log.info(
					"Cart {} of contact {} reported as abandoned at {}, before a cart already known: "
							+ "a running journey keeps the later cart",
					cart.cartId(), event.contactId(), event.occurredAt());
		}
		// an older report of a known cart starts the journey with the cart as stored
		Cart current = latest ? reported : carts.find(cart.cartId()).orElse(reported);
		journeys
			.start(ProcessKeys.ABANDONED_CART, MessageNames.CART_ABANDONED, event.contactId(),
					start.startVariables(current))
			.ifPresent(journey -> recoverWithKnownOrder(journey, event));
	}

	/**
	 * The shop may report a cart after the order that followed it (its abandonment check
	 * runs late, the event is retried): an order placed after the abandonment recovers
	 * the cart whenever it arrives, so the new journey ends at once as recovered, as it
	 * would have with the order arriving second, and sends no reminder.
	 */
	private void recoverWithKnownOrder(String journey, ReceivedEvent<CartAbandoned> event) {
		Instant now = SimulatedNow.of(clock);
		Instant abandoned = event.occurredAt().isBefore(now) ? event.occurredAt() : now;
		orders.firstSince(event.contactId(), abandoned.minus(Journeys.CLOCK_LEEWAY))
			.ifPresent(
					order -> journeys
						.correlateTo(journey, MessageNames.ORDER_COMPLETED, event.contactId(),
								OrderCompletedHandler.journeyVariables(order.orderId(), order.amount(),
										order.currency()))
						.ifPresent(recovered -> {
							conversions.record(recovered, event.contactId(), order.orderId(), order.amount(),
									order.currency(), order.orderedAt());
							log.info(
									"Cart {} of contact {} recovered by order {}, recorded before the cart was reported",
									event.properties().cartId(), event.contactId(), order.orderId());
						}));
	}

}
