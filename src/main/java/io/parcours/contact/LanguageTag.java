package io.parcours.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.IllformedLocaleException;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/** A BCP 47 language tag such as {@code fr-FR}. */
@Documented
@Constraint(validatedBy = LanguageTag.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface LanguageTag {

	String message() default "must be a BCP 47 language tag of a known language (and region), such as fr-FR, of at most "
			+ LanguageTag.MAX_LENGTH + " characters";

	/** The size of {@code contact.locale}. */
	int MAX_LENGTH = 35;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<LanguageTag, String> {

		private static final Set<String> LANGUAGES = Set.of(Locale.getISOLanguages());

		private static final Set<String> REGIONS = Set.of(Locale.getISOCountries());

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			if (value.length() > MAX_LENGTH) {
				return false;
			}
			try {
				Locale locale = new Locale.Builder().setLanguageTag(value).build();
				return isKnownLanguage(locale.getLanguage()) && isKnownRegion(locale.getCountry());
			}
			catch (IllformedLocaleException e) {
				return false;
			}
		}

		/**
		 * "klingon" or "xx" is well formed, and names no language a template could be in.
		 */
		private static boolean isKnownLanguage(String language) {
			if (language.length() == 2) {
				return LANGUAGES.contains(language);
			}
			return language.length() == 3
					&& !Locale.forLanguageTag(language).getDisplayLanguage(Locale.ENGLISH).equals(language);
		}

		private static boolean isKnownRegion(String region) {
			return region.isEmpty() || region.matches("\\d{3}") || REGIONS.contains(region);
		}

	}

}
