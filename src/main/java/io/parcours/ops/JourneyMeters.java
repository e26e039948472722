package io.parcours.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.history.event.HistoryEventTypes;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Journeys started and ended per journey key, counted from the engine's history events
 * (published as Spring events by the Camunda starter); test runs are not counted.
 */
@Component
class JourneyMeters {

	static final String STARTED = "parcours.journeys.started";

	static final String ENDED = "parcours.journeys.ended";

	private final MeterRegistry registry;

	JourneyMeters(MeterRegistry registry) {
		this.registry = registry;
	}

	@EventListener
	void count(HistoricProcessInstanceEventEntity event) {
		if (TestRunContacts.isTestRun(event.getBusinessKey())) {
			return;
		}
		String journey = event.getProcessDefinitionKey();
		if (HistoryEventTypes.PROCESS_INSTANCE_START.getEventName().equals(event.getEventType())) {
			afterCommit(Counter.builder(STARTED).description("Journey instances started").tag("journey", journey));
		}
		else if (HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(event.getEventType())) {
			afterCommit(Counter.builder(ENDED)
				.description("Journey instances ended: completed, or canceled (deleted, erased contact)")
				.tag("journey", journey)
				.tag("state", "COMPLETED".equals(event.getState()) ? "completed" : "canceled"));
		}
	}

	/**
	 * The event comes within the engine's command: a transaction rolled back and run
	 * again (a concurrent update retried, a job's retry) would count the journey twice.
	 * Counted once its transaction commits, as its history row is.
	 */
	private void afterCommit(Counter.Builder counter) {
		CommandContext command = Context.getCommandContext();
		if (command == null) {
			counter.register(registry).increment();
			return;
		}
		command.getTransactionContext()
			.addTransactionListener(TransactionState.COMMITTED, committed -> counter.register(registry).increment());
	}

}
