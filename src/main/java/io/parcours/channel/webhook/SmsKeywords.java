package io.parcours.channel.webhook;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Twilio's standard SMS keywords: a reply that is exactly one of them, in any case, opts
 * the number out, back in, or asks for help. With Advanced Opt-Out, Twilio names the
 * keyword's kind in {@code OptOutType}.
 * <p>
 * Read leniently where a miss would harm: an opt-out or a call for help keeps its meaning
 * whatever spaces, quotes, punctuation or invisible characters surround it ("STOP?",
 * "«stop»"). An opt-in gives consent back, so it must be meant: only spaces and one final
 * full stop or exclamation mark aside ("Yes?" is a question, not a consent).
 */
enum SmsKeywords {

	OPT_OUT, OPT_IN, HELP, NONE;

	private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
			"REVOKE", "OPTOUT");

	private static final Set<String> OPT_IN_WORDS = Set.of("START", "YES", "UNSTOP");

	private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

	/** Anything but letters and digits at either end (spaces, punctuation, invisible). */
	private static final Pattern SURROUNDING = Pattern.compile("^[^\\p{L}\\p{N}]+|[^\\p{L}\\p{N}]+$");

	/** Spaces, no-break spaces and invisible formatting characters at either end. */
	private static final Pattern SPACES = Pattern.compile("^[\\s\\p{Z}\\p{Cf}]+|[\\s\\p{Z}\\p{Cf}]+$");

	private static final Pattern FINAL_STOP = Pattern.compile("[.!]$");

	static SmsKeywords of(String body, String optOutType) {
		if (optOutType != null && !optOutType.isBlank()) {
			return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
				case "STOP" -> OPT_OUT;
				case "START" -> OPT_IN;
				case "HELP" -> HELP;
				default -> NONE;
			};
		}
		String text = body == null ? "" : body;
		String word = upper(SURROUNDING.matcher(text).replaceAll(""));
		if (OPT_OUT_WORDS.contains(word)) {
			return OPT_OUT;
		}
		if (HELP_WORDS.contains(word)) {
			return HELP;
		}
		String meant = upper(FINAL_STOP.matcher(SPACES.matcher(text).replaceAll("")).replaceFirst(""));
		return OPT_IN_WORDS.contains(meant) ? OPT_IN : NONE;
	}

	private static String upper(String word) {
		return word.toUpperCase(Locale.ROOT);
	}

}
