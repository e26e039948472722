package io.parcours.reactivation;

import java.time.Clock;
import java.util.Date;

import io.parcours.journey.CheckedStarts;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.ProcessListeners;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The sweep hands each contact it enrols a sending slot ({@link SweepVariables#SEND_AT});
 * a {@code reactivation} started by hand through the engine's REST API has none, and
 * would fail at its start with a server error: its first email goes out at once instead.
 * It is recorded as an enrolment of its own, as the sweep records its: how it ends
 * (lapsed, reactivated) keeps the contact out of the sweeps of the re-entry window.
 */
@Component
class HandStartedReactivation extends AbstractCamundaConfiguration {

	private final Clock clock;

	/** Looked up at the first start: the engine is built before the beans it uses. */
	private final ObjectProvider<Enrolments> enrolments;

	HandStartedReactivation(Clock clock, ObjectProvider<Enrolments> enrolments) {
		this.clock = clock;
		this.enrolments = enrolments;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		ProcessListeners.add(configuration, ExecutionListener.EVENTNAME_START,
				journey -> ProcessKeys.REACTIVATION.equals(journey) ? this::slot : null);
	}

	private void slot(DelegateExecution execution) {
		if (!execution.hasVariable(SweepVariables.SEND_AT)) {
			execution.setVariable(SweepVariables.SEND_AT, Variables.dateValue(Date.from(clock.instant()), true));
		}
		// the sweep records its own enrolments; a start by hand, with a sending slot of
		// its
		// own or not, is one too
		if (!CheckedStarts.isChecked() && execution.getProcessBusinessKey() != null) {
			enrolments.getObject()
				.insertHandStarted(execution.getProcessBusinessKey(), execution.getProcessInstanceId(),
						clock.instant());
		}
	}

}
