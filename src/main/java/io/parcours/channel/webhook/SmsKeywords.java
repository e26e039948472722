package io.parcours.channel.webhook;

import java.util.Locale;
import java.util.Set;

/**
 * Twilio's standard SMS keywords: a reply that is exactly one of them (any case, spaces
 * and a final punctuation mark aside) opts the number out, back in, or asks for help.
 * With Advanced Opt-Out, Twilio names the keyword's kind in {@code OptOutType}.
 */
enum SmsKeywords {

	OPT_OUT, OPT_IN, HELP, NONE;

	private static final Set<String> OPT_OUT_WORDS = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT",
			"REVOKE", "OPTOUT");

	private static final Set<String> OPT_IN_WORDS = Set.of("START", "YES", "UNSTOP");

	private static final Set<String> HELP_WORDS = Set.of("HELP", "INFO");

	static SmsKeywords of(String body, String optOutType) {
		if (optOutType != null && !optOutType.isBlank()) {
			return switch (optOutType.strip().toUpperCase(Locale.ROOT)) {
				case "STOP" -> OPT_OUT;
				case "START" -> OPT_IN;
				case "HELP" -> HELP;
				default -> NONE;
			};
		}
		String word = body == null ? "" : body.strip().replaceFirst("[.!]$", "").toUpperCase(Locale.ROOT);
		if (OPT_OUT_WORDS.contains(word)) {
			return OPT_OUT;
		}
		if (OPT_IN_WORDS.contains(word)) {
			return OPT_IN;
		}
		return HELP_WORDS.contains(word) ? HELP : NONE;
	}

}
