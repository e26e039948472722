package io.parcours.cart;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Currency;
import java.util.List;

/**
 * A cart left without ordering, as the shop last described it. Items name products, not
 * people: no personal data here.
 */
public record Cart(String cartId, String contactId, BigDecimal value, String currency, List<Item> items, String cartUrl,
		Instant abandonedAt) {

	/**
	 * Amounts get the currency's decimals (49.00 EUR, 4900 JPY), however the shop wrote
	 * them.
	 */
	public Cart {
		int decimals = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
		value = value.setScale(decimals, RoundingMode.HALF_EVEN);
		items = items.stream()
			.map(item -> new Item(item.sku(), item.name(), item.quantity(),
					item.price().setScale(decimals, RoundingMode.HALF_EVEN)))
			.toList();
	}

	public record Item(String sku, String name, int quantity, BigDecimal price) {
	}

}
