package io.parcours.scoring;

import java.time.Duration;
import java.time.Instant;

/**
 * Inactivity decay: every full week without activity removes a share of the engagement
 * score, so an old burst of interest does not keep a lead hot forever. Applied lazily,
 * with the time given, when the score is next used (an activity, a hand-off, a read):
 * decay only lowers the score, so it can only change a decision at those moments.
 */
record EngagementDecay(double sharePerWeek, Duration week) {

	static final Duration WEEK = Duration.ofDays(7);

	EngagementDecay(double sharePerWeek) {
		this(sharePerWeek, WEEK);
	}

	/**
	 * In the demo, where timers run {@code timeCompression} times faster, a week of
	 * journey time is shorter too.
	 */
	static EngagementDecay of(double sharePerWeek, double timeCompression) {
		return new EngagementDecay(sharePerWeek,
				Duration.ofMillis(Math.round(WEEK.toMillis() / Math.max(1, timeCompression))));
	}

	/**
	 * The engagement left at {@code at} of what was {@code engagement} at {@code since}.
	 */
	double apply(double engagement, Instant since, Instant at) {
		if (engagement <= 0 || since == null || !at.isAfter(since)) {
			return engagement;
		}
		return engagement * Math.pow(1 - sharePerWeek, weeks(since, at));
	}

	/**
	 * Where the inactivity clock stands once the decay from {@code since} to {@code at}
	 * is applied: after the full weeks counted, so the part-week begun still counts
	 * towards the next decay.
	 */
	Instant countedTo(Instant since, Instant at) {
		if (since == null || !at.isAfter(since)) {
			return since;
		}
		return since.plus(week.multipliedBy(weeks(since, at)));
	}

	private long weeks(Instant since, Instant at) {
		return Duration.between(since, at).dividedBy(week);
	}

}
