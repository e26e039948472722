package io.parcours.testrun;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

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

	/** To the second: a deferral's end may carry nanoseconds nobody asked for. */
	static String iso(Duration at) {
		return at.truncatedTo(ChronoUnit.SECONDS).toString();
	}

	static double days(Duration at) {
		return Math.round(at.toSeconds() / 864.0) / 100.0;
	}

}
