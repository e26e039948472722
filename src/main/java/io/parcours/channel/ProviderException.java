package io.parcours.channel;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
	 * valid"), however the provider writes it (other case, URL-encoded, national form):
	 * the text goes to the message row, the job's failure, the incident and the log, none
	 * of which an erasure can reach.
	 */
	public static String withoutRecipient(String text, String recipient) {
		if (text == null || recipient == null || recipient.isBlank()) {
			return text;
		}
		List<Pattern> writings = new ArrayList<>();
		writings.add(escapedOrNot(recipient));
		writings.add(Pattern.compile(Pattern.quote(URLEncoder.encode(recipient, StandardCharsets.UTF_8)),
				Pattern.CASE_INSENSITIVE));
		PhoneNumbers.anyWritingOf(recipient).ifPresent(writings::add);
		String masked = text;
		for (Pattern writing : writings) {
			masked = writing.matcher(masked).replaceAll("<recipient>");
		}
		return masked;
	}

	/**
	 * The text as written, or with characters escaped as a JSON body (a backslash, u and
	 * four hex digits) or an HTML page ({@code &#64;}) writes them.
	 */
	private static Pattern escapedOrNot(String text) {
		StringBuilder regex = new StringBuilder();
		text.codePoints()
			.forEach(c -> regex.append("(?:")
				.append(Pattern.quote(Character.toString(c)))
				.append("|\\\\u%04x|&#%d;|&#x%x;".formatted(c, c, c))
				.append(')'));
		return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
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
