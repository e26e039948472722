package io.parcours.contact;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.text.Normalizer;
import java.util.regex.Pattern;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

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
 * runs. It must fit in the path of {@code /api/contacts/{id}}.
 */
@Documented
@Constraint(validatedBy = ContactId.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface ContactId {

	int MAX_LENGTH = 100;

	String MESSAGE = "must be the shop's or CRM's id of the person (at most 100 characters), "
			+ "not their email address or phone number, not start with '" + TestRunContacts.PREFIX + "' or '"
			+ ContactErased.PREFIX + "', "
			+ "and fit in a URL path (/api/contacts/{id}): no /, \\, ;, %, control character, nor . or .. alone; "
			+ "no space at either end, no invisible character, accents written as one character each "
			+ "(Unicode NFC)";

	String message() default MESSAGE;

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<ContactId, String> {

		/** An address anywhere in it ("Ana <ana@example.com>" too). */
		private static final Pattern EMAIL = Pattern.compile("[^@\\s<>]+@[^@\\s<>]+\\.[^@\\s<>]+");

		/** International format: a plain number is as likely the CRM's own numeric id. */
		private static final Pattern PHONE = Pattern.compile("\\+[\\d\\s().-]{7,}");

		@Override
		public boolean isValid(String id, ConstraintValidatorContext context) {
			if (id == null) {
				return true;
			}
			String trimmed = id.strip();
			return id.length() <= MAX_LENGTH && !trimmed.startsWith(TestRunContacts.PREFIX)
					&& !trimmed.startsWith(ContactErased.PREFIX) && !EMAIL.matcher(trimmed).find()
					&& !isPhoneNumber(trimmed) && fitsInAPath(id) && readsAsWritten(id);
		}

		/**
		 * " 7001" and "7001", "7001" with a zero-width space, or "élève" with its accents
		 * written as separate marks, would be two contacts nobody can tell apart: no
		 * space at either end (a no-break one included), no invisible formatting
		 * character anywhere, and Unicode's composed form (NFC), the one keyboards type.
		 */
		private static boolean readsAsWritten(String id) {
			return !id.isEmpty() && !isSpace(id.codePointAt(0)) && !isSpace(id.codePointBefore(id.length()))
					&& id.codePoints().noneMatch(c -> Character.getType(c) == Character.FORMAT)
					&& Normalizer.isNormalized(id, Normalizer.Form.NFC);
		}

		private static boolean isSpace(int c) {
			return Character.isWhitespace(c) || Character.isSpaceChar(c);
		}

		/**
		 * The characters the server's firewall refuses in a path, even encoded, and half
		 * of a UTF-16 pair (no URL can write it), and line or paragraph separators: a
		 * contact with one could never be read or erased.
		 */
		private static boolean fitsInAPath(String id) {
			return !id.equals(".") && !id.equals("..")
					&& id.codePoints()
						.noneMatch(c -> c == '/' || c == '\\' || c == ';' || c == '%' || Character.isISOControl(c)
								|| c == '\u2028' || c == '\u2029'
								|| (c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE));
		}

		/**
		 * {@code +33 6...}, {@code tel:+336...}, and {@code 00336...} when it is a real
		 * number (zero-padded ids are not).
		 */
		private static boolean isPhoneNumber(String id) {
			String number = id.regionMatches(true, 0, "tel:", 0, 4) ? id.substring(4).strip() : id;
			if (PHONE.matcher(number).matches() && digits(number) >= 7) {
				return true;
			}
			if (!number.startsWith("00") || !number.chars().allMatch(Character::isDigit)) {
				return false;
			}
			PhoneNumberUtil phones = PhoneNumberUtil.getInstance();
			try {
				return phones.isValidNumber(phones.parse("+" + number.substring(2), null));
			}
			catch (NumberParseException notANumber) {
				return false;
			}
		}

		private static long digits(String text) {
			return text.chars().filter(Character::isDigit).count();
		}

	}

}
