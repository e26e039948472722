package io.parcours.event;

import java.math.BigDecimal;
import java.util.Map;

import io.parcours.contact.ContactService;
import io.parcours.contact.Orders;
import io.parcours.journey.Conversions;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.VariableNames;
import io.parcours.offer.DiscountCodes;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

/**
 * {@code order.completed}: counted once per order id in the contact's totals, then passed
 * as {@code OrderCompleted} to every journey of the contact waiting for it, each
 * recording the conversion.
 */
@Component
class OrderCompletedHandler implements EventHandler<OrderCompleted> {

	private static final Logger log = LoggerFactory.getLogger(OrderCompletedHandler.class);

	private final Orders orders;

	private final ContactService contacts;

	private final Journeys journeys;

	private final Conversions conversions;

	private final DiscountCodes discountCodes;

	private final ApplicationEventPublisher applied;

	OrderCompletedHandler(Orders orders, ContactService contacts, Journeys journeys, Conversions conversions,
			DiscountCodes discountCodes, ApplicationEventPublisher applied) {
		this.applied = applied;
		this.orders = orders;
		this.contacts = contacts;
		this.journeys = journeys;
		this.conversions = conversions;
		this.discountCodes = discountCodes;
	}

	/** What a journey learns of the order that converts it. */
	static Map<String, Object> journeyVariables(String orderId, BigDecimal value, String currency) {
		return Map.of(VariableNames.ORDER_ID, orderId, VariableNames.ORDER_VALUE, value, VariableNames.ORDER_CURRENCY,
				currency);
	}

	@Override
	public EventType type() {
		return EventType.ORDER_COMPLETED;
	}

	@Override
	public void handle(ReceivedEvent<OrderCompleted> event) {
		OrderCompleted order = event.properties();
		if (!orders.recordIfNew(order.orderId(), event.contactId(), order.value(), order.currency(), event.occurredAt(),
				event.id())) {
			if (orders.ownerOf(order.orderId()).filter(event.contactId()::equals).isPresent()) {
				log.info("Order {} of contact {} already recorded (event {}): no second effect", order.orderId(),
						event.contactId(), event.id());
			}
			else {
				// another contact's event took the id a moment ago: refused as it would
				// have
				// been a moment later, nothing of this event kept
				throw EventIngestion.orderOfAnotherContact(order.orderId());
			}
			return;
		}
		orders.recordLines(order.orderId(),
				order.itemsOrNone()
					.stream()
					.map(item -> new Orders.Line(item.sku(), item.name(), item.quantity(), item.price()))
					.toList());
		contacts.recordOrder(event.contactId(), order.value(), order.currency(), event.occurredAt());
		if (order.discountCode() != null && !discountCodes.redeem(order.discountCode(), event.contactId(),
				order.orderId(), event.occurredAt())) {
			log.warn(
					"Order {} of contact {} used discount code {}, which is unknown, already used or issued to "
							+ "another contact: left as it is",
					order.orderId(), event.contactId(), order.discountCode());
		}
		journeys
			.correlate(MessageNames.ORDER_COMPLETED, event.contactId(),
					journeyVariables(order.orderId(), order.value(), order.currency()), event.occurredAt())
			.forEach(journey -> conversions.record(journey, event.contactId(), order.orderId(), order.value(),
					order.currency(), event.occurredAt()));
		applied.publishEvent(new OrderApplied(event.contactId(), order.orderId(), event.occurredAt()));
	}

}
