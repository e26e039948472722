package io.parcours.sales;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import io.parcours.scoring.LeadScore;
import io.parcours.scoring.ScoreChange;

/**
 * What the rep reads about a lead's score in the "Qualify lead" form, as short Markdown
 * texts (Camunda Forms render Markdown in text views): business facts, no PII.
 */
final class LeadCard {

	/**
	 * With its zone: the rep may not be in the sales team's time zone, nor Tasklist show
	 * it.
	 */
	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z", Locale.ENGLISH);

	private LeadCard() {
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
		};
	}

}
