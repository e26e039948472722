package io.parcours.event;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

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
 * than the cart a journey follows (delivered late, retried) changes nothing in it. A cart
 * is followed once: reported again without a later abandonment, it starts nothing, and an
 * order recovers one cart, so each order counts once in the journey's figures.
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
		Carts.Saved saved = carts.save(reported);
		if (saved == Carts.Saved.OF_ANOTHER_CONTACT) {
			// another contact's event took the id a moment ago: refused as it would have
			// been a moment later
			throw EventIngestion.cartOfAnotherContact(cart.cartId());
		}
		boolean latest = saved.stored() && carts.isContactsLatest(reported);
		if (latest && journeys.update(ProcessKeys.ABANDONED_CART, event.contactId(), start.cartVariables(reported))) {
			return;
		}
		if (saved == Carts.Saved.KNOWN) {
			log.info("Cart {} of contact {} reported again (abandoned at {}): a journey followed it already, "
					+ "none starts again", cart.cartId(), event.contactId(), event.occurredAt());
			return;
		}
		if (!latest) {
			log.info(
					"Cart {} of contact {} reported as abandoned at {}, before a cart already known: "
							+ "a running journey keeps the later cart",
					cart.cartId(), event.contactId(), event.occurredAt());
		}
		Instant abandoned = abandonedAt(event);
		// both moments on the shop's clock: an order before the abandonment is an earlier
		// purchase
		Optional<Orders.Order> recovering = orders.firstNotConvertingSince(event.contactId(), abandoned,
				ProcessKeys.ABANDONED_CART);
		if (recovering.isEmpty() && orders.firstSince(event.contactId(), abandoned).isPresent()) {
			log.info("Cart {} of contact {}: the orders placed since it was abandoned recovered another cart; "
					+ "it is not chased", cart.cartId(), event.contactId());
			return;
		}
		journeys
			.start(ProcessKeys.ABANDONED_CART, MessageNames.CART_ABANDONED, event.contactId(),
					start.startVariables(reported))
			.ifPresent(journey -> recovering.ifPresent(order -> recover(journey, order, event)));
	}

	private Instant abandonedAt(ReceivedEvent<CartAbandoned> event) {
		Instant now = SimulatedNow.of(clock);
		return event.occurredAt().isBefore(now) ? event.occurredAt() : now;
	}

	/**
	 * The shop may report a cart after the order that followed it (its abandonment check
	 * runs late): an order placed after the abandonment recovers the cart whenever it
	 * arrives, so the new journey ends at once as recovered, as it would have with the
	 * order arriving second, and sends no reminder. An order recovers one cart only.
	 */
	private void recover(String journey, Orders.Order order, ReceivedEvent<CartAbandoned> event) {
		journeys
			.correlateTo(journey, MessageNames.ORDER_COMPLETED, event.contactId(),
					OrderCompletedHandler.journeyVariables(order.orderId(), order.amount(), order.currency()))
			.ifPresent(recovered -> {
				conversions.record(recovered, event.contactId(), order.orderId(), order.amount(), order.currency(),
						order.orderedAt());
				log.info("Cart {} of contact {} recovered by order {}, recorded before the cart was reported",
						event.properties().cartId(), event.contactId(), order.orderId());
			});
	}

}
