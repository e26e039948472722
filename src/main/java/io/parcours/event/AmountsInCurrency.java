package io.parcours.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * Amounts with no more decimals than their currency has: 100.5 JPY is no amount of yen (a
 * shop sending cents as yen, or a rate conversion left unrounded), and would be stored
 * and summed as it came.
 */
@Documented
@Constraint(validatedBy = AmountsInCurrency.Validator.class)
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@interface AmountsInCurrency {

	String message() default "has more decimals than its currency has";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	/** An event's amounts and the currency they are in. */
	interface Priced {

		String currency();

		BigDecimal value();

		List<CartAbandoned.Item> itemsOrNone();

	}

	class Validator implements ConstraintValidator<AmountsInCurrency, Priced> {

		@Override
		public boolean isValid(Priced priced, ConstraintValidatorContext context) {
			int decimals = decimalsOf(priced.currency());
			if (decimals < 0) {
				// no currency, or an unknown one: @CurrencyCode names it
				return true;
			}
			context.disableDefaultConstraintViolation();
			String message = decimals == 0 ? "has decimals, which " + priced.currency() + " does not have"
					: "has more decimals than " + priced.currency() + " has (" + decimals + ")";
			boolean valid = true;
			if (tooPrecise(priced.value(), decimals)) {
				context.buildConstraintViolationWithTemplate(message).addPropertyNode("value").addConstraintViolation();
				valid = false;
			}
			List<CartAbandoned.Item> items = priced.itemsOrNone();
			for (int index = 0; index < items.size(); index++) {
				CartAbandoned.Item item = items.get(index);
				if (item != null && tooPrecise(item.price(), decimals)) {
					context.buildConstraintViolationWithTemplate(message)
						.addPropertyNode("items")
						.addPropertyNode("price")
						.inIterable()
						.atIndex(index)
						.addConstraintViolation();
					valid = false;
				}
			}
			return valid;
		}

		private static int decimalsOf(String code) {
			try {
				return code == null ? -1 : Currency.getInstance(code).getDefaultFractionDigits();
			}
			catch (IllegalArgumentException unknown) {
				return -1;
			}
		}

		private static boolean tooPrecise(BigDecimal amount, int decimals) {
			return amount != null && amount.stripTrailingZeros().scale() > decimals;
		}

	}

}
