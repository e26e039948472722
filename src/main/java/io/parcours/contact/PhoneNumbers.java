package io.parcours.contact;

import java.util.Optional;

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

	public static class Validator implements ConstraintValidator<PhoneNumber, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			return value == null || toE164(value).isPresent();
		}

	}

}
