package io.parcours.cart;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the abandoned-cart journey ({@code parcours.cart.*}).
 *
 * @param firstReminderDelay how long after the cart is abandoned the contact joins the
 * experiment and gets the first reminder; handed to each new journey as the variable
 * {@code firstReminderDelay}
 */
@ConfigurationProperties("parcours.cart")
public record CartSettings(@DefaultValue("PT1H") Duration firstReminderDelay) {

	public CartSettings {
		if (firstReminderDelay.isNegative() || firstReminderDelay.isZero()) {
			throw new IllegalArgumentException("parcours.cart.first-reminder-delay must be positive");
		}
	}

}
