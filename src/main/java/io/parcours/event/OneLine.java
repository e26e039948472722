package io.parcours.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * One line of text, as the shop shows it: no control character (NUL, an escape, a line
 * break) nor Unicode line or paragraph separator. Product names, cart and order ids go
 * into emails, SMS and the dashboard, where such characters break lines or hide text.
 */
@Documented
@Constraint(validatedBy = OneLine.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface OneLine {

	String message() default "must be one line of text: no control character (a line break, a tab, NUL, an"
			+ " escape) nor line separator";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<OneLine, String> {

		private static final Pattern BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || !BREAKING.matcher(value).find();
		}

	}

}
