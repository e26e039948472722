package io.parcours.journey;

import java.time.Clock;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * The moment a test run is at, for the work it does on its own thread: a step it plays
 * decides and records its message at the run's simulated moment (quiet hours, the
 * frequency cap's window, when it was sent), as it would at that point of the contact's
 * life. Everywhere else, and always for real contacts, it is the clock's now.
 */
public final class SimulatedNow {

	private static final ThreadLocal<Instant> NOW = new ThreadLocal<>();

	private SimulatedNow() {
	}

	public static Instant of(Clock clock) {
		Instant simulated = NOW.get();
		return simulated != null ? simulated : clock.instant();
	}

	public static <T> T during(Instant now, Supplier<T> work) {
		Instant before = NOW.get();
		NOW.set(now);
		try {
			return work.get();
		}
		finally {
			if (before == null) {
				NOW.remove();
			}
			else {
				NOW.set(before);
			}
		}
	}

}
