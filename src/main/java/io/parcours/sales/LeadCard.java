package io.parcours.sales;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.parcours.scoring.LeadScore;
import io.parcours.scoring.LeadVariables;
import io.parcours.scoring.ScoreChange;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * What the rep reads about a lead's score in the "Qualify lead" form, as short Markdown
 * texts (Camunda Forms render Markdown in text views): business facts, no PII.
 */
final class LeadCard {

	/**
	 * With its zone: the rep may not be in the sales team's time zone, nor Tasklist show
	 * it.
	 */
	/** What HTML or Markdown may read as markup. */
	private static final String MARKUP = "&<>\\`*_{}[]()#+-.!|~\"'=:/@";

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

	private LeadCard() {
	}

	/**
	 * The company facts of the lead's journey, for the form's heading: what the lead
	 * typed (company, job title, industry, source) is text, never a link or markup.
	 */
	static Map<String, Object> facts(VariableScope journey, String contactId) {
		List<String> line = new ArrayList<>();
		text(journey, LeadVariables.JOB_TITLE).ifPresent(line::add);
		text(journey, LeadVariables.INDUSTRY).ifPresent(line::add);
		if (journey.getVariable(LeadVariables.COMPANY_SIZE) instanceof Integer size) {
			line.add(size + " employees");
		}
		text(journey, LeadVariables.COUNTRY).ifPresent(line::add);
		text(journey, LeadVariables.SOURCE).ifPresent(source -> line.add("source: " + source));
		String company = text(journey, LeadVariables.COMPANY).orElse("Lead");
		Map<String, Object> facts = new HashMap<>();
		facts.put(SalesVariables.LEAD_FACTS, "## " + company + "\n\n" + String.join(" · ", line));
		facts.put(SalesVariables.CONTACT_LINK, "[" + markdownText(contactId) + "](/api/contacts/"
				+ URLEncoder.encode(contactId, StandardCharsets.UTF_8).replace("+", "%20") + ")");
		return facts;
	}

	private static Optional<String> text(VariableScope journey, String name) {
		return journey.getVariable(name) instanceof String text && !text.isBlank() ? Optional.of(markdownText(text))
				: Optional.empty();
	}

	/**
	 * Literal text in Markdown, on one line: HTML and Markdown punctuation (a link, an
	 * image, an address Markdown would turn into a link) written as character references,
	 * which forms render as the characters themselves.
	 */
	static String markdownText(String text) {
		StringBuilder escaped = new StringBuilder(text.length() + 16);
		text.codePoints().forEach(c -> {
			if (c == '\n' || c == '\r' || c == '\t') {
				escaped.append(' ');
			}
			else if (c < 128 && MARKUP.indexOf(c) >= 0) {
				escaped.append("&#").append(c).append(';');
			}
			else {
				escaped.appendCodePoint(c);
			}
		});
		return escaped.toString();
	}

	static String breakdown(LeadScore score) {
		String fit = score.fitBreakdown().isEmpty() ? "no fit criterion matched"
				: score.fitBreakdown()
					.entrySet()
					.stream()
					.map(entry -> entry.getKey() + " " + entry.getValue())
					.collect(Collectors.joining(" + "));
		return "Fit " + score.fit() + " (" + fit + ") + engagement " + score.engagement() + " = **" + score.total()
				+ "**" + (score.demoRequested() ? " — demo requested" : "");
	}

	static String recentActivities(List<ScoreChange> history, ZoneId zone) {
		List<String> lines = history.stream()
			.map(change -> "- " + WHEN.format(change.occurredAt().atZone(zone)) + " " + label(change) + " "
					+ (change.points() >= 0 ? "+" : "") + change.points())
			.toList();
		return lines.isEmpty() ? "No activity yet" : String.join("\n", lines);
	}

	private static String label(ScoreChange change) {
		return switch (change.kind()) {
			case ACTIVITY -> change.activity().replace('_', ' ');
			case FIT -> "fit scored";
			case DECAY -> "inactivity decay";
			case RECYCLE -> "recycled by sales";
			case DISQUALIFY -> "disqualified by sales";
			case ACCEPT -> "accepted by sales";
		};
	}

}
