package io.parcours.reactivation;

import java.time.Clock;
import java.time.Instant;
import java.util.Date;

import io.parcours.event.OrderApplied;
import io.parcours.journey.Journeys;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * An order the shop reports late, placed before the contact's reactivation began but
 * within the dormancy period, shows the contact was never dormant: the sweep enrolled
 * them on what it knew then. Their reactivation stops (no offer, no "lapsed" stage for a
 * customer who just ordered), without counting as reactivated: the order came first. An
 * order during the journey reactivates it, as the diagram says.
 */
@Component
class NoLongerDormant {

	private static final Logger log = LoggerFactory.getLogger(NoLongerDormant.class);

	static final String REASON = "not dormant: an order within the dormancy period was reported after the enrolment";

	private final RuntimeService runtime;

	private final HistoryService history;

	private final ReactivationProperties properties;

	private final Clock clock;

	NoLongerDormant(RuntimeService runtime, HistoryService history, ReactivationProperties properties, Clock clock) {
		this.runtime = runtime;
		this.history = history;
		this.properties = properties;
		this.clock = clock;
	}

	private Instant ordersCountFrom(ProcessInstance journey) {
		Object entered = runtime.getVariable(journey.getId(), VariableNames.ENTERED_AT);
		Instant started = history.createHistoricProcessInstanceQuery()
			.processInstanceId(journey.getId())
			.singleResult()
			.getStartTime()
			.toInstant();
		return Journeys.ordersCountFrom(entered instanceof Date date ? date.toInstant() : null, started);
	}

	@EventListener
	void stopReactivation(OrderApplied order) {
		if (order.orderedAt().isBefore(clock.instant().minus(properties.dormantAfter()))) {
			return;
		}
		for (ProcessInstance journey : runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.processInstanceBusinessKey(order.contactId())
			.list()) {
			if (!order.orderedAt().isBefore(ordersCountFrom(journey))) {
				// an order during the journey reactivates it, as the diagram says
				continue;
			}
			log.info("Reactivation {} of contact {} stopped: order {} of {} shows the contact was not dormant",
					journey.getId(), order.contactId(), order.orderId(), order.orderedAt());
			// cancelled from outside, as ops or an erasure cancel: the history says so
			runtime.deleteProcessInstance(journey.getId(), REASON, false, true);
		}
	}

}
