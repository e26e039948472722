package io.parcours.reactivation;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import io.parcours.journey.DirectStart;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The start variables of the {@code reactivation} journey: its sending slot
 * ({@link SweepVariables#SEND_AT}), transient, read by its first timer. The sweep hands
 * each contact it enrols the next slot of its pace; a journey started on its own (a test
 * run) has the first slot of a sweep, now.
 */
@Component
class ReactivationStart implements DirectStart {

	private final Clock clock;

	ReactivationStart(Clock clock) {
		this.clock = clock;
	}

	static VariableMap variables(Instant slot) {
		return Variables.createVariables()
			.putValueTyped(SweepVariables.SEND_AT, Variables.dateValue(Date.from(slot), true));
	}

	@Override
	public String journey() {
		return ProcessKeys.REACTIVATION;
	}

	@Override
	public VariableMap variables(String contactId) {
		return variables(clock.instant());
	}

}
