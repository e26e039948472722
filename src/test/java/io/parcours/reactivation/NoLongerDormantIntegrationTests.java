package io.parcours.reactivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;
import io.parcours.event.OrderApplied;
import io.parcours.journey.Conversions;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * The shop reports late an order placed before the contact's reactivation began: within
 * the dormancy period, the contact was never dormant, and is chased no further.
 */
@ParcoursTest
class NoLongerDormantIntegrationTests {

	@Autowired
	DormantCustomers customers;

	@Autowired
	EventIngestion events;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ContactService contacts;

	@Autowired
	Conversions conversions;

	@Autowired
	Clock clock;

	@Autowired
	ApplicationEventPublisher published;

	@Test
	void aRecentOrderReportedLateStopsTheReactivationWithoutCountingIt() {
		Contact contact = customers.dormant(true, false);
		String journey = enrol(contact);

		orderPlaced(contact, clock.instant().minus(Duration.ofDays(5)));

		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isZero();
		HistoricProcessInstance stopped = history.createHistoricProcessInstanceQuery()
			.processInstanceId(journey)
			.singleResult();
		assertThat(stopped.getDeleteReason()).isEqualTo(NoLongerDormant.REASON);
		assertThat(stopped.getState()).as("canceled, as the figures count it")
			.isEqualTo(HistoricProcessInstance.STATE_EXTERNALLY_TERMINATED);
		assertThat(conversions.converted(journey)).isFalse();
		assertThat(contacts.find(contact.id()).orElseThrow().lifecycleStage()).isNotEqualTo(LifecycleStage.LAPSED);
	}

	@Test
	void anOldOrderReportedLateLeavesTheReactivationGoingOn() {
		Contact contact = customers.dormant(true, false);
		String journey = enrol(contact);

		orderPlaced(contact, clock.instant().minus(Duration.ofDays(100)));

		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isOne();
	}

	/**
	 * An order during the journey is the journey's to receive: reported by itself (its
	 * journey suspended, say), it never stops the reactivation as "not dormant".
	 */
	@Test
	void anOrderPlacedAfterTheEnrolmentNeverStopsTheReactivationAsNotDormant() {
		Contact contact = customers.dormant(true, false);
		String journey = enrol(contact);

		published.publishEvent(new OrderApplied(contact.id(), DormantCustomers.newOrderId(), clock.instant()));

		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isOne();
	}

	private String enrol(Contact contact) {
		return runtime
			.startProcessInstanceByKey(ProcessKeys.REACTIVATION, contact.id(),
					ReactivationStart.variables(clock.instant()))
			.getId();
	}

	private void orderPlaced(Contact contact, Instant at) {
		String orderId = DormantCustomers.newOrderId();
		events.accept(new EventRequest("evt-" + orderId, EventType.ORDER_COMPLETED, contact.id(), at, null,
				Map.of("orderId", orderId, "value", new BigDecimal("25.00"), "currency", "EUR")));
	}

}
