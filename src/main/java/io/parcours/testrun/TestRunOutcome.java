package io.parcours.testrun;

import java.util.List;
import java.util.stream.Collectors;

import io.parcours.testrun.TestRunReport.Entry;

/** The one-line summary of a test run, in the marketer's words. */
final class TestRunOutcome {

	private TestRunOutcome() {
	}

	/**
	 * {@code waitingAt}: the names of the steps the journey still waits at, when it
	 * waits.
	 */
	static String describe(String status, String journey, List<Entry> timeline, int eventsLeft,
			List<String> waitingAt) {
		String unused = eventsLeft == 0 ? "" : " (" + eventsLeft + " scripted event(s) after that were not sent)";
		return switch (status) {
			case TestRunReport.COMPLETED -> "Journey ended at " + lastEnd(journey, timeline) + unused;
			case TestRunReport.FAILED -> "Journey failed: " + timeline.get(timeline.size() - 1).detail();
			case TestRunReport.WAITING -> "Journey waits at " + waiting(waitingAt, timeline)
					+ ": nothing is scheduled; it needs an event or a person" + unused;
			default -> "Stopped after " + TestRunner.MAX_MOVES
					+ " steps of the test contact's journeys: does one loop, or does the script ask for too much?"
					+ unused;
		};
	}

	/** The tested journey's: other journeys of the contact may end after it. */
	private static String lastEnd(String journey, List<Entry> timeline) {
		for (int i = timeline.size() - 1; i >= 0; i--) {
			String type = timeline.get(i).type();
			if (type != null && type.toLowerCase().endsWith("endevent") && journey.equals(timeline.get(i).journey())) {
				return "'" + timeline.get(i).name() + "'";
			}
		}
		return "its end";
	}

	private static String waiting(List<String> waitingAt, List<Entry> timeline) {
		if (!waitingAt.isEmpty()) {
			return waitingAt.stream().map(name -> "'" + name + "'").collect(Collectors.joining(" and "));
		}
		for (int i = timeline.size() - 1; i >= 0; i--) {
			if ("activity".equals(timeline.get(i).kind())) {
				return "'" + timeline.get(i).name() + "'";
			}
		}
		return "its start";
	}

}
