package io.parcours.contact;

import java.util.Optional;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/**
 * Phone numbers checked and normalised by libphonenumber, Google's reference
 * implementation.
 */
public final class PhoneNumbers {

	private static final PhoneNumberUtil util = PhoneNumberUtil.getInstance();

	private PhoneNumbers() {
	}

	/**
	 * The number in E.164 form ({@code +33612345678}), or empty when it is not a valid
	 * international number.
	 */
	public static Optional<String> toE164(String number) {
		if (number == null || !number.strip().startsWith("+")) {
			return Optional.empty();
		}
		try {
			var parsed = util.parse(number, null);
			return util.isValidNumber(parsed) ? Optional.of(util.format(parsed, PhoneNumberFormat.E164))
					: Optional.empty();
		}
		catch (NumberParseException e) {
			return Optional.empty();
		}
	}

	/**
	 * The number however it is written: {@code +33 6 12 34 56 78}, {@code 0033612345678},
	 * {@code 33612345678}, {@code 06.12.34.56.78}. Empty for a number that is not E.164.
	 */
	public static Optional<Pattern> anyWritingOf(String e164) {
		try {
			var parsed = util.parse(e164, null);
			String separators = "[\\s.()\\-]*";
			String nationalNumber = String.join(separators,
					util.getNationalSignificantNumber(parsed).chars().mapToObj(Character::toString).toList());
			return Optional.of(Pattern
				.compile("(?<!\\d)(?:(?:(?:\\+|00)" + separators + ")?" + parsed.getCountryCode() + separators
						+ "(?:\\(0\\)" + separators + ")?|0" + separators + ")?" + nationalNumber + "(?!\\d)"));
		}
		catch (NumberParseException e) {
			return Optional.empty();
		}
	}

	public static class Validator implements ConstraintValidator<PhoneNumber, String> {

		/**
		 * A number as given, not rewritten: a control character or line separator in it,
		 * or an extension ({@code ext. 123}, which no SMS reaches), is refused rather
		 * than dropped.
		 */
		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			if (value.codePoints().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
				return false;
			}
			try {
				return toE164(value).isPresent() && !util.parse(value, null).hasExtension();
			}
			catch (NumberParseException e) {
				return false;
			}
		}

	}

}
