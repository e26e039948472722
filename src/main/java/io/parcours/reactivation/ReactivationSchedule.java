package io.parcours.reactivation;

import io.parcours.journey.ReadableInDiagrams;

import org.springframework.stereotype.Component;

/**
 * The sweep's schedule as the diagram reads it: the timer start event of
 * {@code reactivation-sweep} says {@code ${reactivationSchedule.cycle}}. A timer start
 * event has no process instance to read variables from, but the engine evaluates its
 * expression against the Spring beans when it deploys the diagram, and again each time
 * the timer fires ({@code reevaluate-time-cycle-when-due}), so a changed setting applies
 * from the next sweep on. This bean depends on settings only: the engine evaluates it
 * while it is being built.
 */
@Component("reactivationSchedule")
@ReadableInDiagrams
public class ReactivationSchedule {

	private final String cycle;

	ReactivationSchedule(ReactivationProperties properties) {
		this.cycle = properties.sweepCycle();
	}

	public String getCycle() {
		return cycle;
	}

}
