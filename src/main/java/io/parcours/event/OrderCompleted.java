package io.parcours.event;

import java.math.BigDecimal;
import java.util.List;

import io.parcours.event.CartAbandoned.Item;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * {@code order.completed}: the contact ordered; counts as a conversion for the journeys
 * waiting for it. {@code items} is optional, with the line shape of
 * {@code cart.abandoned} (sku, name, quantity, price): stored with the order, it lets
 * later messages recall what the contact bought.
 */
@AmountsInCurrency
public record OrderCompleted(@NotBlank @OneLine @Size(max = 100) String orderId, @NotNull @PositiveOrZero @Digits(
		integer = 12, fraction = 2,
		message = "must have at most 12 digits before the decimal point and 2 after it (send amounts to the cent: 1.005 BHD as 1.01)") BigDecimal value,
		@NotNull @CurrencyCode String currency,
		@Pattern(regexp = SOME_TEXT, message = NO_EMPTY_CODE) @OneLine @Size(max = 20) String discountCode,
		@Size(max = 100) List<@Valid @NotNull Item> items) implements AmountsInCurrency.Priced {

	static final String SOME_TEXT = ".*\\S.*";

	static final String NO_EMPTY_CODE = "must not be empty: leave it out when no code was used";

	public List<Item> itemsOrNone() {
		return items == null ? List.of() : items;
	}

}
