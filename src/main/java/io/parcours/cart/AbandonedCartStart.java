package io.parcours.cart;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.parcours.journey.DirectStart;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The variables of the {@code abandoned-cart} journey, for the {@code cart.abandoned}
 * event and for a start without it: the cart (its items stay in the {@code cart} table)
 * and, at the start, today's first reminder delay. Started without an event, the journey
 * is about a sample cart, stored for the contact so reminders show it.
 */
@Component
public class AbandonedCartStart implements DirectStart {

	static final String SAMPLE_URL = "https://shop.example/cart";

	private final CartSettings settings;

	private final Carts carts;

	private final Clock clock;

	AbandonedCartStart(CartSettings settings, Carts carts, Clock clock) {
		this.settings = settings;
		this.carts = carts;
		this.clock = clock;
	}

	/** What a running journey learns of a newer cart. */
	public Map<String, Object> cartVariables(Cart cart) {
		return Map.of(VariableNames.CART_ID, cart.cartId(), VariableNames.CART_VALUE, cart.value(),
				VariableNames.CART_CURRENCY, cart.currency());
	}

	/** What a new journey starts with. */
	public VariableMap startVariables(Cart cart) {
		return Variables.fromMap(cartVariables(cart))
			.putValue(VariableNames.FIRST_REMINDER_DELAY, settings.firstReminderDelay().toString())
			// reported late, the cart was abandoned before the journey starts: orders
			// count
			// from the abandonment (a moment ahead of ours is taken as now)
			.putValue(VariableNames.ENTERED_AT, Date.from(earliest(cart.abandonedAt(), SimulatedNow.of(clock))));
	}

	private static Instant earliest(Instant a, Instant b) {
		return a.isBefore(b) ? a : b;
	}

	@Override
	public String journey() {
		return ProcessKeys.ABANDONED_CART;
	}

	@Override
	public VariableMap variables(String contactId) {
		Cart sample = new Cart(contactId + ":sample-cart", contactId, new BigDecimal("79.80"), "EUR",
				List.of(new Cart.Item("sample-1", "Sample product", 2, new BigDecimal("39.90"))), SAMPLE_URL,
				clock.instant());
		carts.save(sample);
		return startVariables(sample);
	}

}
