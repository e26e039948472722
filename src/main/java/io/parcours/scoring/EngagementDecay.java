package io.parcours.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * Inactivity decay: every full week without activity removes a share of the engagement
 * score, so an old burst of interest does not keep a lead hot forever. Applied lazily,
 * with the time given, when the score is next used (an activity, a hand-off, a read):
 * decay only lowers the score, so it can only change a decision at those moments.
 */
record EngagementDecay(double sharePerWeek) {

	static final Duration WEEK = Duration.ofDays(7);

	/**
	 * The engagement left at {@code at} of what was {@code engagement} at {@code since}.
	 */
	int apply(int engagement, Instant since, Instant at) {
		if (engagement <= 0 || since == null || !at.isAfter(since)) {
			return engagement;
		}
		long weeks = Duration.between(since, at).dividedBy(WEEK);
		return (int) Math.round(engagement * Math.pow(1 - sharePerWeek, weeks));
	}

}
