package io.parcours.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.ZoneId;
import java.util.regex.Pattern;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * An IANA time zone id such as {@code Europe/Paris}, as the time zone database names it.
 */
@Documented
@Constraint(validatedBy = TimeZone.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface TimeZone {

	String message() default "must be an IANA time zone such as Europe/Paris (a region, which follows its daylight saving time; not a fixed offset such as +02:00)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<TimeZone, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			// ZoneId also reads fixed offsets ("+02:00", "UTC+2"), which would keep a
			// contact's quiet hours an hour off for half the year; the database names
			// some too (Etc/GMT-5), and Java adds its own obsolete SystemV zones
			return ZoneId.getAvailableZoneIds().contains(value) && !FIXED_OFFSET.matcher(value).matches()
					&& !value.startsWith("SystemV/");
		}

		private static final Pattern FIXED_OFFSET = Pattern.compile("Etc/GMT[+-]\\d+");

	}

}
