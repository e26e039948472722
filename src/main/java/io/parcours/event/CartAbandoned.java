package io.parcours.event;

import java.math.BigDecimal;
import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/** {@code cart.abandoned}: a cart left without ordering. */
@AmountsInCurrency
public record CartAbandoned(@NotBlank @OneLine @Size(max = 100) String cartId, @NotNull @PositiveOrZero @Digits(
		integer = 12, fraction = 2,
		message = "must have at most 12 digits before the decimal point and 2 after it (send amounts to the cent: 1.005 BHD as 1.01)") BigDecimal value,
		@NotNull @CurrencyCode String currency, @NotEmpty @Size(max = 100) List<@Valid @NotNull Item> items,
		@NotBlank @Size(max = 2000) @WebUrl String cartUrl) implements AmountsInCurrency.Priced {

	@Override
	public List<Item> itemsOrNone() {
		return items == null ? List.of() : items;
	}

	public record Item(@OneLine @Size(max = 100) String sku, @NotBlank @OneLine @Size(max = 200) String name,
			@NotNull @Positive Integer quantity, @NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2,
					message = "must have at most 12 digits before the decimal point and 2 after it (send amounts to the cent: 1.005 BHD as 1.01)") BigDecimal price) {
	}

}
