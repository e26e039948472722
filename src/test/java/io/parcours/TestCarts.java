package io.parcours;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.parcours.event.EventRequest;
import io.parcours.event.EventType;

/** Events of the abandoned-cart journey, with fresh event ids. */
public final class TestCarts {

	public static final String CART_URL = "https://shop.example/cart/";

	private TestCarts() {
	}

	/** A cart of {@code quantity} × {@code product} at {@code price} each. */
	public static EventRequest abandoned(String contactId, String cartId, String product, int quantity, String price,
			Instant occurredAt) {
		BigDecimal value = new BigDecimal(price).multiply(BigDecimal.valueOf(quantity));
		return new EventRequest(TestContacts.newId("e"), EventType.CART_ABANDONED, contactId, occurredAt, null,
				Map.of("cartId", cartId, "value", value, "currency", "EUR", "cartUrl", CART_URL + cartId, "items",
						List.of(Map.of("sku", "sku-" + product.length(), "name", product, "quantity", quantity, "price",
								new BigDecimal(price)))));
	}

	public static EventRequest order(String contactId, String orderId, String value, Instant occurredAt) {
		return new EventRequest(TestContacts.newId("e"), EventType.ORDER_COMPLETED, contactId, occurredAt, null,
				Map.of("orderId", orderId, "value", new BigDecimal(value), "currency", "EUR"));
	}

}
