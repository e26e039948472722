package io.parcours.testrun;

import java.time.Duration;

/** The test run's clock: time since the journey started, as the contact would live it. */
final class SimulatedTime {

	private Duration now = Duration.ZERO;

	Duration now() {
		return now;
	}

	/** Moves forward to the moment, never back. */
	void advanceTo(Duration moment) {
		if (moment.compareTo(now) > 0) {
			now = moment;
		}
	}

	static String iso(Duration at) {
		return at.toString();
	}

	static double days(Duration at) {
		return Math.round(at.toSeconds() / 864.0) / 100.0;
	}

}
