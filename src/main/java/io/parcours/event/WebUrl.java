package io.parcours.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.IDN;
import java.net.URI;
import java.net.URISyntaxException;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

/**
 * A link a customer can follow: an absolute http(s) URL with a host (the scheme in any
 * case), with no space, control, separator or invisible formatting character, which would
 * break the link in an email or an SMS, or hide where it leads.
 */
@Documented
@Constraint(validatedBy = WebUrl.Validator.class)
@Target({ ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT })
@Retention(RetentionPolicy.RUNTIME)
public @interface WebUrl {

	String message() default "must be an http(s) URL with a host, such as https://shop.example/cart/42"
			+ " (no space or control character: encode them)";

	Class<?>[] groups() default {};

	Class<? extends Payload>[] payload() default {};

	class Validator implements ConstraintValidator<WebUrl, String> {

		@Override
		public boolean isValid(String value, ConstraintValidatorContext context) {
			if (value == null) {
				return true;
			}
			if (value.chars().anyMatch(WebUrl.Validator::breaksTheLink)) {
				return false;
			}
			try {
				URI uri = new URI(value);
				return uri.getScheme() != null
						&& ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
						&& hasHost(uri);
			}
			catch (URISyntaxException | IllegalArgumentException unreadable) {
				return false;
			}
		}

		/**
		 * A host, in ASCII or not: {@code java.net.URI} reads no host in
		 * {@code https://bücher.example/}, which its punycode spelling
		 * ({@code xn--bcher-kva.example}) is.
		 */
		private static boolean hasHost(URI uri) throws URISyntaxException {
			if (uri.getHost() != null) {
				return !uri.getHost().isEmpty();
			}
			String authority = uri.getRawAuthority();
			if (authority == null || authority.isEmpty()) {
				return false;
			}
			String host = uri.getAuthority()
				.substring(uri.getAuthority().lastIndexOf('@') + 1)
				.replaceFirst(":\\d*$", "");
			String ascii = IDN.toASCII(host, IDN.ALLOW_UNASSIGNED);
			return !ascii.isEmpty() && new URI("http://" + ascii + "/").getHost() != null;
		}

		/** A space of any kind, a control or an invisible formatting character. */
		private static boolean breaksTheLink(int c) {
			return c <= 0x20 || Character.isSpaceChar(c) || Character.isISOControl(c)
					|| Character.getType(c) == Character.FORMAT;
		}

	}

}
