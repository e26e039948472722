package io.parcours.channel;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.parcours.contact.PhoneNumbers;
import io.parcours.journey.RetriedFailure;
import io.parcours.journey.NonRetryable;
import io.parcours.journey.RetryNotBefore;

/**
 * A provider call that did not end in acceptance. The subtype decides what happens next.
 */
public abstract class ProviderException extends RuntimeException {

	protected ProviderException(String message, Throwable cause) {
		super(message, cause);
	}

	/**
	 * A provider's answer with the recipient taken out ("The 'To' number +336... is not
	 * valid"), however the provider writes it (other case, URL-encoded, JSON- or
	 * HTML-escaped, in part or whole, national form, its domain in punycode): the text
	 * goes to the message row, the job's failure, the incident and the log, none of which
	 * an erasure can reach.
	 */
	public static String withoutRecipient(String text, String recipient) {
		if (text == null || recipient == null || recipient.isBlank()) {
			return text;
		}
		List<Pattern> writings = new ArrayList<>();
		writings.add(anyWritingOf(recipient));
		asciiDomain(recipient).map(ProviderException::anyWritingOf).ifPresent(writings::add);
		PhoneNumbers.anyWritingOf(recipient).ifPresent(writings::add);
		mailbox(recipient).map(ProviderException::standingAlone).ifPresent(writings::add);
		String masked = text;
		for (Pattern writing : writings) {
			masked = writing.matcher(masked).replaceAll("<recipient>");
		}
		return masked;
	}

	/**
	 * A text with the person's name taken out where it stands as a word ("Ana", not the
	 * "ana" of "banana"), however it is written.
	 */
	public static String withoutName(String text, String name) {
		if (text == null || name == null || name.isBlank()) {
			return text;
		}
		return standingAlone(name.strip()).matcher(text).replaceAll("<name>");
	}

	/**
	 * The text with each character as written in any case, or escaped as a JSON body (a
	 * backslash, u and four hex digits), an HTML page ({@code &#64;}, {@code &#064;},
	 * {@code &#x40;}) or a URL ({@code %40}, {@code %C3%B6}) writes it; the {@code @}
	 * also as " at ".
	 */
	private static Pattern anyWritingOf(String text) {
		StringBuilder regex = new StringBuilder();
		text.codePoints().forEach(c -> {
			List<String> forms = new ArrayList<>();
			for (int variant : new LinkedHashSet<>(
					List.of(c, Character.toLowerCase(c), Character.toUpperCase(c), Character.toTitleCase(c)))) {
				forms.add(Pattern.quote(Character.toString(variant)));
				forms.add("\\\\u%04x|&#0*%d;|&#x0*%x;".formatted(variant, variant, variant));
				forms.add(percentEncoded(variant));
			}
			if (c == '@') {
				forms.add("&commat;|\\s*[(\\[{]at[)\\]}]\\s*|\\s+at\\s+");
			}
			regex.append("(?:").append(String.join("|", forms)).append(')');
		});
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	private static String percentEncoded(int codePoint) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : Character.toString(codePoint).getBytes(StandardCharsets.UTF_8)) {
			encoded.append("%%%02x".formatted(b & 0xff));
		}
		return encoded.toString();
	}

	/**
	 * The mailbox of an address ({@code ana.roux} of {@code ana.roux@example.com}), which
	 * a provider may quote without its domain; one of fewer than 3 characters would mask
	 * parts of ordinary words.
	 */
	private static Optional<String> mailbox(String address) {
		int at = address.lastIndexOf('@');
		return at >= 3 ? Optional.of(address.substring(0, at)) : Optional.empty();
	}

	/** The text in any writing, not as part of a longer word or number. */
	private static Pattern standingAlone(String text) {
		return Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + anyWritingOf(text).pattern() + ")(?![\\p{L}\\p{N}])",
				Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
	}

	/** An address whose domain is not ASCII, as a provider may write it: in punycode. */
	private static Optional<String> asciiDomain(String address) {
		int at = address.lastIndexOf('@');
		if (at < 0 || address.substring(at + 1).chars().allMatch(c -> c < 128)) {
			return Optional.empty();
		}
		try {
			return Optional.of(address.substring(0, at + 1) + IDN.toASCII(address.substring(at + 1)));
		}
		catch (IllegalArgumentException notADomain) {
			return Optional.empty();
		}
	}

	/**
	 * Worth another try later (5xx, connection refused): the step's job retries with
	 * backoff.
	 */
	public static class Transient extends ProviderException implements RetriedFailure {

		public Transient(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/** 429: retried, but not before the provider's Retry-After. */
	public static class RateLimited extends Transient implements RetryNotBefore {

		private final Instant notBefore;

		public RateLimited(String message, Duration retryAfter) {
			super(message, null);
			this.notBefore = Instant.now().plus(retryAfter);
		}

		@Override
		public Instant notBefore() {
			return notBefore;
		}

	}

	/**
	 * The recipient will never accept it (invalid address, opted out): the message fails,
	 * the journey goes on.
	 */
	public static class RecipientRejected extends ProviderException {

		private final String reason;

		public RecipientRejected(String reason, String message) {
			super(message, null);
			this.reason = reason;
		}

		public String reason() {
			return reason;
		}

	}

	/**
	 * Our side is wrong (bad credentials, bad request): retrying cannot help, so an
	 * incident is raised at once.
	 */
	public static class Misconfigured extends ProviderException implements NonRetryable {

		public Misconfigured(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * The call may or may not have reached the provider (timeout after sending): never
	 * resent.
	 */
	public static class OutcomeUnknown extends ProviderException {

		public OutcomeUnknown(String message, Throwable cause) {
			super(message, cause);
		}

	}

}
