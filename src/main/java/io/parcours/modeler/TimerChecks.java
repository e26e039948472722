package io.parcours.modeler;

import java.time.Duration;
import java.util.Date;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A timer is read here as the engine will read it: one typed by hand ("2 days" for P2D)
 * would deploy, then fail every contact who reaches it; one the engine reads but no
 * marketer meant (a wait of 100 000 years, a repetition on a wait that happens once)
 * would deploy, then hold or mislead every contact who reaches it.
 */
final class TimerChecks {

	/** Longer than any journey's wait; a test run plays at most as long. */
	static final Duration LONGEST_WAIT = Duration.ofDays(3653);

	/** How the engine reads each kind of timer, and how to write it. */
	private record TimerReading(BusinessCalendar calendar, String verb, String hint) {
	}

	private static final String DURATION_HINT = "write the wait in ISO 8601, e.g. P2D (2 days), PT4H (4 hours),"
			+ " PT30M (30 minutes), P1DT12H.";

	private static final Map<String, TimerReading> TIMER_READINGS = Map.of("timeDuration",
			new TimerReading(new DurationBusinessCalendar(), "waits", DURATION_HINT), "timeDate",
			new TimerReading(new DueDateBusinessCalendar(), "waits until",
					"write the moment in ISO 8601, e.g. 2026-12-24T09:00:00."),
			"timeCycle", new TimerReading(new CycleBusinessCalendar(), "repeats on",
					"write a cron expression (0 0 9 * * ? for 09:00 every day) or an ISO 8601 repetition (R/P1D)."));

	private TimerChecks() {
	}

	static Optional<ModelProblem> problem(Element element) {
		Element timer = element.element("timerEventDefinition");
		if (timer == null) {
			return Optional.empty();
		}
		for (Element definition : timer.elements()) {
			TimerReading reading = TIMER_READINGS.get(definition.getTagName());
			String value = definition.getText() == null ? "" : definition.getText().strip();
			if (reading != null && value.isEmpty()) {
				return problem(element, "has a timer with no value: " + reading.hint());
			}
			if (reading == null || value.contains("${") || value.contains("#{")) {
				continue;
			}
			Date due;
			try {
				due = reading.calendar().resolveDuedate(value);
			}
			catch (RuntimeException unreadable) {
				return problem(element,
						reading.verb() + " '" + value + "', which the engine cannot read: " + reading.hint());
			}
			if (repeats(value) && happensOnce(element)) {
				return problem(element, "repeats on '" + value + "', but a contact passes a wait once: the engine"
						+ " would wait only until the first time. Write the wait itself: " + DURATION_HINT);
			}
			if (due != null && due.toInstant().isAfter(ClockUtil.now().toInstant().plus(LONGEST_WAIT))) {
				return problem(element, reading.verb() + " '" + value + "', more than 10 years: no contact would"
						+ " get past it. A typo? " + reading.hint());
			}
		}
		return Optional.empty();
	}

	/**
	 * An ISO 8601 repetition other than once ({@code R3/P1D}, {@code R/P1D}); a cron
	 * expression on a wait is the next such moment ("next 09:00"), which means something.
	 */
	private static boolean repeats(String value) {
		return value.startsWith("R") && !value.startsWith("R1/");
	}

	/**
	 * A wait in the flow, or a deadline that interrupts its step: a repetition would go
	 * off once (a non-interrupting deadline or a start may repeat).
	 */
	private static boolean happensOnce(Element element) {
		return "intermediateCatchEvent".equals(element.getTagName())
				|| "boundaryEvent".equals(element.getTagName()) && !"false".equals(element.attribute("cancelActivity"));
	}

	private static Optional<ModelProblem> problem(Element element, String what) {
		return Optional
			.of(new ModelProblem(Steps.describe(element, element) + " " + what, element, element.attribute("id")));
	}

}
