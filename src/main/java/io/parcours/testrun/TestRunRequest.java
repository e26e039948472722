package io.parcours.testrun;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.parcours.contact.ContactDetails;
import io.parcours.event.EventType;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/journeys/{key}/test-runs}: who the throwaway test contact looks like
 * (given, or copied from an existing contact, or a default), the scripted events with
 * their time from the start ({@code "after": "P3D"}), start variables for a journey that
 * no scripted event starts, and the variant of the journey's experiment to play (else the
 * one the test contact's id draws).
 */
record TestRunRequest(@Valid ContactDetails contact, @Size(max = 100) String copyOf,
		@Size(max = 50) List<@NotNull @Valid ScriptedEvent> events, @Size(max = 50) Map<String, Object> variables,
		@Size(max = 20) String variant) {

	TestRunRequest {
		// a null entry is kept for the check to name ("events[0]")
		events = events == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(events));
		variables = variables == null ? Map.of() : variables;
	}

	/** An event the test contact "sends" at a moment of the simulated time. */
	record ScriptedEvent(Duration after, @NotNull EventType type, Map<String, Object> properties) {

		ScriptedEvent {
			properties = properties == null ? Map.of() : properties;
		}

		Duration at() {
			return after == null || after.isNegative() ? Duration.ZERO : after;
		}

	}

}
