package io.parcours.scoring;

import java.time.Instant;
import java.util.Map;

/**
 * A lead's score as stored: the engagement is the one at {@code engagementSince}, before
 * any decay since. It is kept unrounded ({@code exactEngagement}), so that points decayed
 * to fractions add up to the same score whatever order the activities arrive in; the
 * score shown and compared with thresholds is rounded.
 */
public record LeadScore(String contactId, int fit, Map<String, Integer> fitBreakdown, double exactEngagement,
		Instant engagementSince, boolean demoRequested) {

	public int engagement() {
		return (int) Math.round(exactEngagement);
	}

	public int total() {
		return fit + engagement();
	}

	LeadScore withEngagement(double engagement, Instant since, boolean demoRequested) {
		return new LeadScore(contactId, fit, fitBreakdown, engagement, since, demoRequested);
	}

	/**
	 * The score with its engagement dated {@code now} at the latest: one stored dated
	 * ahead (from an activity dated in the future, before those were scored as of now)
	 * decays from now on instead of staying frozen until that date.
	 */
	LeadScore engagedAtTheLatest(Instant now) {
		return engagementSince == null || !engagementSince.isAfter(now) ? this
				: withEngagement(exactEngagement, now, demoRequested);
	}

}
