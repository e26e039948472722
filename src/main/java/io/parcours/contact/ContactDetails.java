package io.parcours.contact;

import java.util.Map;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * What a client tells us about a contact, through {@code PUT /api/contacts/{id}} or the
 * {@code contact} block of an event. A field left out is cleared by {@code PUT}, kept by
 * an event; a field it does not have is refused (see {@code StrictJson}).
 */
public record ContactDetails(
		@Email @Pattern(regexp = NOT_BLANK, message = BLANK) @Pattern(
				regexp = INTERNET_ADDRESS, message = NOT_INTERNET) @Size(max = 320) String email,
		@PhoneNumber String phone,
		@Pattern(regexp = NOT_BLANK, message = BLANK) @Pattern(regexp = NO_CONTROL,
				message = "must not hold a control character or line separator (a line break, a tab, NUL, U+2028)") @Size(
						max = 100) String firstName,
		@LanguageTag String locale, @TimeZone String timeZone,
		Map<Channel, @NotNull(message = CONSENT_NULL) Boolean> consents) {

	/** A field may be left out, not given empty: "" would erase the address or name. */
	static final String NOT_BLANK = "(?s).*\\S.*";

	static final String BLANK = "must not be blank";

	/**
	 * Valid syntax is not enough: {@code ana@localhost}, {@code a@[127.0.0.1]} or a
	 * quoted {@code "a b"@example.com} reach nobody on the internet (providers refuse
	 * them at send time, the person is never written to), nor does a bare IP address
	 * ({@code ana@127.0.0.1}: no top-level domain is digits only). A blank one is
	 * {@link #BLANK}.
	 */
	static final String INTERNET_ADDRESS = "(?s)\\s*|[^\"\\[\\]@]+@[^\\[\\]@]+\\.[^\\[\\]@.]*[^\\[\\]@.0-9][^\\[\\]@.]*";

	static final String NOT_INTERNET = "must be an internet address with a domain name, like name@example.com";

	/** null would read as neither: the consent kept as it is, without a word. */
	static final String CONSENT_NULL = "must be true or false (leave the channel out to keep its consent as it is)";

	/** A name goes into subjects and greetings: a line break there is no name. */
	static final String NO_CONTROL = "[^\\p{Cc}\\p{Zl}\\p{Zp}]*";

	public Map<Channel, Boolean> consents() {
		return consents == null ? Map.of() : consents;
	}

}
