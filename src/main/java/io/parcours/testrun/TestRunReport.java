package io.parcours.testrun;

import java.time.Instant;
import java.util.List;

/**
 * What a test run shows the marketer: the path the test contact took through the journey,
 * the waits and events on the simulated clock, and every message rendered as it would
 * have been sent. {@code at} is the simulated time since the start (ISO-8601, e.g.
 * {@code PT48H}); {@code day} the same in days.
 */
record TestRunReport(String id, String journey, int version, String contactId, String status, String outcome,
		Instant ranAt, String simulatedDuration, List<Entry> timeline, List<Message> messages) {

	static final String COMPLETED = "completed";

	static final String WAITING = "waiting";

	static final String FAILED = "failed";

	static final String STEP_LIMIT = "step-limit";

	/**
	 * One line of the timeline: {@code activity}, {@code wait}, {@code deferred},
	 * {@code event} or {@code failure}; {@code journey}: the key of the journey it
	 * happened in (an event has none: it is about the contact, and may start or move
	 * another of their journeys, shown as such).
	 */
	record Entry(String at, double day, String kind, String journey, String activityId, String name, String type,
			String detail) {
	}

	/**
	 * A message as the test contact, or a sales user told about the test lead, would have
	 * received it ({@code to}); nothing left through a real provider. {@code variant}:
	 * the experiment variant the journey drew for the contact, when the message belongs
	 * to one.
	 */
	record Message(String at, double day, String to, String journey, String step, String variant, String channel,
			String template, String status, String reason, String provider, String subject, String body) {

		static final String TO_CONTACT = "contact";

	}

}
