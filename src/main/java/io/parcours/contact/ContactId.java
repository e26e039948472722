package io.parcours.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.regex.Pattern;

import io.parcours.journey.TestRunContacts;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A contact id as the shop or CRM knows the person: at most 100 characters, and never the
 * person's email address or phone number. The id stays in journey history and message
 * rows when the person is erased (the figures keep counting), so it must not identify
 * them by itself (a number in international format, {@code +33...}, is taken for a phone
 * number; plain numbers are ids). Ids starting with {@code test-run:} belong to test
 * runs.
 */
@Documented
@Constraint(validatedBy = ContactId.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ContactId {

	int MAX_LENGTH = 100;

	String MESSAGE = "must be the shop's or CRM's id of the person (at most 100 characters), "
			+ "not their email address or phone number, and not start with '" + TestRunContacts.PREFIX + "'";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<ContactId, String> {

		private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

		/** International format: a plain number is as likely the CRM's own numeric id. */
		private static final Pattern PHONE = Pattern.compile("\\+[\\d\\s().-]{7,}");

		@Override
		public boolean isValid(String id, ConstraintValidatorContext context) {
			if (id == null) {
				return true;
			}
			String trimmed = id.strip();
			return id.length() <= MAX_LENGTH && !trimmed.startsWith(TestRunContacts.PREFIX)
					&& !EMAIL.matcher(trimmed).matches() && !(PHONE.matcher(trimmed).matches() && digits(trimmed) >= 7);
		}

		private static long digits(String text) {
			return text.chars().filter(Character::isDigit).count();
		}

	}

}
