package io.parcours.channel.webhook;

import java.util.List;
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
 * "«stop»"), and a reply opening or closing with an unmistakable opt-out word opts out
 * too ("STOP ALL", "Stop please", "please unsubscribe", "opt out"), as a person asking to
 * stop writes it; words of everyday replies ("cancel my order", "end of May") count only
 * alone. An opt-in gives consent back, so it must be meant: only spaces and one final
 * full stop or exclamation mark aside ("Yes?" is a question, not a consent).
 */
enum SmsKeywords {

	OPT_OUT, OPT_IN, HELP, NONE;

	private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
			"REVOKE", "OPTOUT");

	/** Opt-out words that mean nothing else, first or last in a longer reply. */
	private static final Set<String> UNMISTAKABLE_OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "OPTOUT",
			"REVOKE");

	/** Between words: spaces, punctuation, and the hyphen of "opt-out". */
	private static final Pattern BETWEEN_WORDS = Pattern.compile("[^\\p{L}\\p{N}]+");

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
		if (OPT_OUT_WORDS.contains(word) || asksToStop(word)) {
			return OPT_OUT;
		}
		if (HELP_WORDS.contains(word)) {
			return HELP;
		}
		String meant = upper(FINAL_STOP.matcher(SPACES.matcher(text).replaceAll("")).replaceFirst(""));
		return OPT_IN_WORDS.contains(meant) ? OPT_IN : NONE;
	}

	private static boolean asksToStop(String text) {
		List<String> words = List.of(BETWEEN_WORDS.split(text));
		if (words.size() < 2) {
			return false;
		}
		String first = words.get(0);
		String last = words.get(words.size() - 1);
		return UNMISTAKABLE_OPT_OUT_WORDS.contains(first) || UNMISTAKABLE_OPT_OUT_WORDS.contains(last)
				|| first.equals("OPT") && words.get(1).equals("OUT")
				|| words.get(words.size() - 2).equals("OPT") && last.equals("OUT");
	}

	private static String upper(String word) {
		return word.toUpperCase(Locale.ROOT);
	}

}
