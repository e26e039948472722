package io.parcours.bench.faults;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.parcours.bench.load.LoadGenerator;

/** Sentences and tables shared by the fault reports. */
final class FaultReport {

	private FaultReport() {
	}

	static String burst(FaultSettings settings, LoadGenerator.Outcome outcome) {
		return "Burst: " + (int) settings.rate() + " events/s for " + settings.burst().toSeconds() + " s (70 % "
				+ "sign-ups starting the welcome series, its timers compressed so that a day lasts a second; 30 % "
				+ "orders converting running journeys): " + outcome.sent.get() + " sent, " + outcome.succeeded.get()
				+ " answered 2xx, " + outcome.failed.get() + " not accepted (error answer or no connection)"
				+ (outcome.lastFailure == null ? "."
						: "; last failure: `" + outcome.lastFailure.replace('\n', ' ') + "`.");
	}

	static String outage(Burst burst, int cutAt, int restoredAt, Duration length) {
		int firstAcceptedAfter = firstAccepted(burst, restoredAt, (int) length.toSeconds() + 60);
		return "The database became unreachable at second " + cutAt + " and reachable again at second " + restoredAt
				+ ". Meanwhile: " + burst.count(202, cutAt + 1, restoredAt) + " answers 202 (requests already past "
				+ "the database at the cut excepted, there should be none), " + burst.count(503, cutAt, restoredAt + 1)
				+ " answers 503; of all 503 answers, " + burst.unavailableWithRetryAfter.get()
				+ " were problem+json with Retry-After and " + burst.unavailableWithoutRetryAfter.get()
				+ " were not. First 202 after the restore: second " + firstAcceptedAfter + " ("
				+ (firstAcceptedAfter - restoredAt) + " s later).";
	}

	private static int firstAccepted(Burst burst, int from, int to) {
		for (int second = from; second < to; second++) {
			if (burst.count(202, second, second + 1) > 0) {
				return second;
			}
		}
		return -1;
	}

	/** Answers per status, second by second, in one compact line per status change. */
	static String statuses(Burst burst) {
		Map<Integer, String> bySecond = new TreeMap<>();
		burst.statuses.forEach((second, statuses) -> bySecond.put(second,
				statuses.entrySet()
					.stream()
					.sorted(Map.Entry.comparingByKey())
					.map(e -> e.getKey() + "×" + e.getValue().get())
					.collect(Collectors.joining(" "))));
		StringBuilder table = new StringBuilder("| second of the burst | answers (status×count) |\n|---|---|");
		bySecond.forEach(
				(second, answers) -> table.append("\n| ").append(second).append(" | ").append(answers).append(" |"));
		return table.toString();
	}

}
