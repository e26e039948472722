package io.parcours.event;

import java.math.BigDecimal;

import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;

/**
 * {@code order.completed}: the contact ordered; counts as a conversion for the journeys
 * waiting for it.
 */
public record OrderCompleted(@NotBlank @Size(max = 100) String orderId,
		@NotNull @PositiveOrZero @Digits(integer = 12, fraction = 2) BigDecimal value,
		@NotNull @CurrencyCode String currency, @Size(max = 20) String discountCode) {
}
