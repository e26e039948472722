package io.parcours.cart;

import java.util.Map;

import io.parcours.channel.TemplateData;
import io.parcours.contact.Contact;
import io.parcours.journey.VariableNames;

import org.springframework.stereotype.Component;

/**
 * Gives cart reminders the cart as the shop last described it: {@code {{#cartItems}}}
 * (name, quantity, price, sku), {@code {{cartUrl}}}, {@code {{cartValue}}},
 * {@code {{cartCurrency}}}, {@code {{cartItemCount}}}.
 */
@Component
class CartTemplateData implements TemplateData {

	private final Carts carts;

	CartTemplateData(Carts carts) {
		this.carts = carts;
	}

	@Override
	public Map<String, Object> lookUp(Contact contact, Map<String, Object> variables) {
		Object cartId = variables.get(VariableNames.CART_ID);
		if (cartId == null) {
			return Map.of();
		}
		return carts.find(cartId.toString())
			.<Map<String, Object>>map(cart -> Map.of("cartItems", cart.items(), "cartUrl", cart.cartUrl(), "cartValue",
					cart.value(), "cartCurrency", cart.currency(), "cartItemCount",
					cart.items().stream().mapToInt(Cart.Item::quantity).sum()))
			.orElse(Map.of());
	}

}
