package io.parcours.cart;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of the abandoned-cart journey ({@code parcours.cart.*}).
 *
 * @param firstReminderDelay how long after the cart is abandoned the contact joins the
 * experiment and gets the first reminder; handed to each new journey as the variable
 * {@code firstReminderDelay}
 */
@ConfigurationProperties("parcours.cart")
public record CartSettings(@DefaultValue("PT1H") @DurationUnit(ChronoUnit.HOURS) Duration firstReminderDelay) {

	public CartSettings {
		if (firstReminderDelay.isNegative() || firstReminderDelay.isZero()) {
			throw new IllegalArgumentException("parcours.cart.first-reminder-delay must be positive");
		}
	}

}
