package io.parcours.testrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;

import io.parcours.config.FieldProblem;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;
import io.parcours.event.EventIngestion;
import io.parcours.experiment.Experiments;
import io.parcours.testrun.TestRunRequest.ScriptedEvent;

import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * A journey started on a schedule works on the whole customer base, not on one contact;
 * bad requests and scripted events are refused before anything runs, each field named.
 */
@Component
class TestRunChecks {

	/** Ten years: far beyond any journey's waits, far within what dates hold. */
	static final Duration LONGEST_SCRIPT = Duration.ofDays(3650);

	/** The engine's columns: a variable's name, a text value. */
	static final int MAX_VARIABLE_NAME = 255;

	static final int MAX_VARIABLE_TEXT = 4000;

	private final JourneyStart starts;

	private final EventIngestion events;

	private final Experiments experiments;

	TestRunChecks(JourneyStart starts, EventIngestion events, Experiments experiments) {
		this.starts = starts;
		this.events = events;
		this.experiments = experiments;
	}

	/**
	 * A start variable the engine keeps as a plain value: text of a length it holds, a
	 * number, true or false; anything else would fail the start with an engine error, or
	 * be stored as a serialised Java object.
	 */
	private static Optional<FieldProblem> variableProblem(String name, Object value) {
		String field = "variables." + name;
		if (name.isBlank() || name.length() > MAX_VARIABLE_NAME) {
			return Optional
				.of(new FieldProblem("variables", "a variable's name has 1 to " + MAX_VARIABLE_NAME + " characters"));
		}
		if (value instanceof String text && text.length() > MAX_VARIABLE_TEXT) {
			return Optional.of(new FieldProblem(field, "is longer than the " + MAX_VARIABLE_TEXT
					+ " characters a journey's text variable holds (" + text.length() + ")"));
		}
		if (value == null) {
			return Optional.of(new FieldProblem(field,
					"must be text, a number or true/false, not null: leave the variable out to keep the journey's own"));
		}
		if (value instanceof String || value instanceof Boolean
				|| value instanceof Number && OwnVariableKinds.plain(value) != null) {
			return Optional.empty();
		}
		return Optional.of(new FieldProblem(field, value instanceof Number
				? "is a number beyond what a journey's variable holds (64-bit whole numbers, or decimals)"
				: "must be text, a number or true/false, not " + (value instanceof Map ? "an object" : "a list")));
	}

	void check(ProcessDefinition journey, TestRunRequest request) {
		if (!starts.forOneContact(journey)) {
			throw new RefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Not a journey of one contact", "key",
					"'" + journey.getKey() + "' starts on a schedule and works on real customers: "
							+ "test the journey it enrols them into instead");
		}
		List<FieldProblem> problems = new ArrayList<>();
		if (request.contact() != null && request.copyOf() != null) {
			problems.add(new FieldProblem("copyOf", "cannot go with contact: give one or the other"));
		}
		for (int i = 0; i < request.events().size(); i++) {
			ScriptedEvent event = request.events().get(i);
			String prefix = "events[" + i + "].";
			if (event.after() != null && event.after().isNegative()) {
				problems.add(
						new FieldProblem(prefix + "after", "must not be negative: the time from the start of the run"));
			}
			else if (event.after() != null && event.after().compareTo(LONGEST_SCRIPT) > 0) {
				problems.add(new FieldProblem(prefix + "after",
						"is beyond what a test run plays: at most " + LONGEST_SCRIPT.toDays() + " days (P"
								+ LONGEST_SCRIPT.toDays() + "D) from the start of the run"));
			}
			try {
				events.check(event.type(), event.properties());
			}
			catch (InvalidFieldException invalid) {
				invalid.problems()
					.forEach(problem -> problems.add(new FieldProblem(prefix + problem.field(), problem.message())));
			}
		}
		request.variables().forEach((name, value) -> variableProblem(name, value).ifPresent(problems::add));
		if (request.variant() != null && !experiments.variantsOf(journey.getKey()).contains(request.variant())) {
			SortedSet<String> offered = experiments.variantsOf(journey.getKey());
			problems.add(new FieldProblem("variant",
					offered.isEmpty() ? "is no variant: '" + journey.getKey() + "' runs no experiment"
							: "must be one of " + String.join(", ", offered)));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
	}

}
