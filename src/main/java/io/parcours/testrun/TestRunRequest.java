package io.parcours.testrun;

import java.time.Duration;
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
		@Valid @Size(max = 50) List<ScriptedEvent> events, Map<String, Object> variables,
		@Size(max = 20) String variant) {

	TestRunRequest {
		events = events == null ? List.of() : List.copyOf(events);
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
