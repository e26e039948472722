package io.parcours.reactivation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.SkipReason;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.journey.Conversions;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of bpmn/reactivation.bpmn, with the real delegates and the log providers.
 */
@ParcoursTest
class ReactivationProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Messages messages;

	@Autowired
	ContactService contacts;

	@Autowired
	Conversions conversions;

	@Autowired
	DormantCustomers customers;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	DormantContacts dormant;

	@BeforeEach
	void bindEngine() {
		AbstractAssertions.init(engine);
	}

	@Test
	void anOrderAfterTheWeMissYouEmailEndsTheJourneyAsReactivatedWithItsRevenue() {
		Contact contact = customers.dormant(true, true);
		ProcessInstance journey = enrol(contact);
		assertThat(journey).isWaitingAt("Task_SendWeMissYouEmail");
		execute(job());
		assertThat(journey).isWaitingAt("Event_SevenDaysPassed");

		customers.orders(contact, DormantCustomers.newOrderId(), new BigDecimal("84.50"), List.of());

		assertThat(journey).isEnded().hasPassed("EndEvent_Reactivated").hasNotPassed("Task_IssueReactivationCode");
		assertThat(conversions.converted(journey.getId())).isTrue();
		assertThat(jdbc.sql("select revenue from conversion where process_instance_id = ?")
			.param(journey.getId())
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("84.50");
		assertThat(stage(contact)).isEqualTo(LifecycleStage.ACTIVE);
		assertThat(sent(contact)).extracting(MessageRecord::template).containsExactly("we-miss-you");
	}

	@Test
	void anOrderAfterTheOfferEndsTheJourneyAsReactivated() {
		Contact contact = customers.dormant(true, false);
		ProcessInstance journey = runToOffer(enrol(contact));
		execute(job());
		assertThat(journey).isWaitingAt("Event_FourteenDaysPassed");

		customers.orders(contact, DormantCustomers.newOrderId(), new BigDecimal("20.00"), List.of());

		assertThat(journey).isEnded()
			.hasPassed("Task_SendOfferEmail", "EndEvent_Reactivated")
			.hasNotPassed("Task_SendLastChanceEmail");
		assertThat(stage(contact)).isEqualTo(LifecycleStage.ACTIVE);
	}

	@Test
	void anOrderAfterTheLastChanceEndsTheJourneyAsReactivated() {
		Contact contact = customers.dormant(true, false);
		ProcessInstance journey = runToOffer(enrol(contact));
		execute(job());
		execute(job());
		assertThat(journey).isWaitingAt("Task_SendLastChanceEmail");
		execute(job());
		assertThat(journey).isWaitingAt("Event_LastSevenDaysPassed");

		customers.orders(contact, DormantCustomers.newOrderId(), new BigDecimal("20.00"), List.of());

		assertThat(journey).isEnded()
			.hasPassed("Task_SendLastChanceEmail", "EndEvent_Reactivated")
			.hasNotPassed("Task_MarkLapsed");
		assertThat(conversions.converted(journey.getId())).isTrue();
	}

	@Test
	void noOrderWithSmsConsentSendsTheOfferBySmsThenMarksTheCustomerLapsed() {
		Contact contact = customers.dormant(true, true);
		ProcessInstance journey = runToOffer(enrol(contact));

		assertThat(journey).hasPassed("Task_IssueReactivationCode", "Gateway_ConsentedToSms")
			.isWaitingAt("Task_SendOfferSms");
		runToEnd(journey);

		assertThat(journey).isEnded()
			.hasPassed("Task_MarkLapsed", "EndEvent_Lapsed")
			.hasNotPassed("Task_SendOfferEmail");
		assertThat(stage(contact)).isEqualTo(LifecycleStage.LAPSED);
		assertThat(conversions.converted(journey.getId())).isFalse();
		List<MessageRecord> sent = sent(contact);
		assertThat(sent).extracting(MessageRecord::template, MessageRecord::channel)
			.containsExactly(tuple("we-miss-you", Channel.EMAIL), tuple("reactivation-offer", Channel.SMS),
					tuple("reactivation-last-chance", Channel.EMAIL));
		String code = (String) engine.getHistoryService()
			.createHistoricVariableInstanceQuery()
			.processInstanceId(journey.getId())
			.variableName(VariableNames.DISCOUNT_CODE)
			.singleResult()
			.getValue();
		assertThat(sent.get(1).body()).contains(code).contains("-15%");
		assertThat(sent.get(2).body()).contains(code);
	}

	@Test
	void noOrderWithoutSmsConsentSendsTheOfferByEmail() {
		Contact contact = customers.dormant(true, false);
		ProcessInstance journey = runToOffer(enrol(contact));

		assertThat(journey).isWaitingAt("Task_SendOfferEmail");
		runToEnd(journey);

		assertThat(journey).isEnded()
			.hasPassed("Task_SendOfferEmail", "EndEvent_Lapsed")
			.hasNotPassed("Task_SendOfferSms");
		assertThat(sent(contact)).extracting(MessageRecord::template, MessageRecord::channel)
			.containsExactly(tuple("we-miss-you", Channel.EMAIL), tuple("reactivation-offer", Channel.EMAIL),
					tuple("reactivation-last-chance", Channel.EMAIL));
		assertThat(messages.ofContact(contact.id())).filteredOn(message -> message.channel() == Channel.SMS)
			.singleElement()
			.satisfies(sms -> assertThat(sms.reason()).isEqualTo(SkipReason.NO_CONSENT));
	}

	@Test
	void aCustomerWhoWithdrewAllConsentReceivesNothingAndLapses() {
		Contact contact = customers.dormant(false, false);
		ProcessInstance journey = runToOffer(enrol(contact));
		runToEnd(journey);

		assertThat(journey).isEnded().hasPassed("Task_SendOfferEmail", "EndEvent_Lapsed");
		assertThat(messages.ofContact(contact.id())).hasSize(4)
			.allSatisfy(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED))
			.allSatisfy(message -> assertThat(message.reason()).isEqualTo(SkipReason.NO_CONSENT))
			.extracting(MessageRecord::template, MessageRecord::channel)
			.as("the offer by SMS, then by email: both skipped, each saying why")
			.containsExactlyInAnyOrder(tuple("we-miss-you", Channel.EMAIL), tuple("reactivation-offer", Channel.SMS),
					tuple("reactivation-offer", Channel.EMAIL), tuple("reactivation-last-chance", Channel.EMAIL));
		assertThat(stage(contact)).isEqualTo(LifecycleStage.LAPSED);
	}

	/**
	 * Ops started it by hand, not a sweep: its lapse keeps the customer out of the sweeps
	 * of the re-entry window all the same.
	 */
	@Test
	void aJourneyStartedByHandThatLapsesKeepsTheCustomerOutOfTheNextSweeps() {
		Contact contact = customers.dormant(true, false);
		Instant now = Instant.now();
		ProcessInstance journey = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION, contact.id());
		assertThat(journey).isWaitingAt("Event_SendingSlotReached");
		execute(job());
		runToEnd(runToOffer(journey));

		assertThat(journey).isEnded().hasPassed("EndEvent_Lapsed");
		assertThat(dormant.page(null, now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(180)), 1_000_000)
			.dormant()).doesNotContain(contact.id());
	}

	@Test
	void theWeMissYouEmailRecallsWhatTheCustomerBoughtBefore() {
		Contact contact = customers.dormant(true, false);
		customers.orders(contact, DormantCustomers.newOrderId(), new BigDecimal("45.00"),
				List.of(Map.of("sku", "TEA-1", "name", "Darjeeling & Assam tea", "quantity", 2, "price", 12.5),
						Map.of("name", "Teapot", "quantity", 1, "price", 20)));
		ProcessInstance journey = enrol(contact);
		execute(job());

		MessageRecord email = sent(contact).get(0);
		assertThat(email.subject()).isEqualTo("Ana, vous nous manquez");
		assertThat(email.body()).contains("Vous aviez aimé")
			.contains("<li>Darjeeling &amp; Assam tea</li>")
			.contains("<li>Teapot</li>");
		assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(journey.getId()).list())
			.extracting(variable -> variable.getName())
			.doesNotContain("pastPurchases");
	}

	@Test
	void theWeMissYouEmailReadsWellWithoutKnownPurchases() {
		Contact contact = customers.dormant(true, false);
		enrol(contact);
		execute(job());

		MessageRecord email = sent(contact).get(0);
		assertThat(email.body()).contains("beaucoup de choses ont changé").doesNotContain("<ul>");
	}

	@Test
	void theFirstEmailWaitsForTheSendingSlotTheSweepGaveAndStoresNoVariable() {
		Contact contact = customers.dormant(true, false);
		Instant slot = Instant.now().plusSeconds(3600).truncatedTo(ChronoUnit.MILLIS);
		ProcessInstance journey = start(contact, slot);

		assertThat(journey).isWaitingAt("Event_SendingSlotReached");
		assertThat(job().getDuedate()).isEqualTo(Date.from(slot));
		assertThat(runtime.createVariableInstanceQuery().processInstanceIdIn(journey.getId()).count()).isZero();
		execute(job());
		assertThat(journey).isWaitingAt("Task_SendWeMissYouEmail");
	}

	/** Started as the sweep starts it, with a sending slot now; at the first email. */
	private ProcessInstance enrol(Contact contact) {
		ProcessInstance instance = start(contact, Instant.now());
		execute(job());
		assertThat(instance).isWaitingAt("Task_SendWeMissYouEmail");
		return instance;
	}

	/** As the sweep starts it: business key = contact id, a transient sending slot. */
	private ProcessInstance start(Contact contact, Instant sendAt) {
		ProcessInstance instance = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION, contact.id(),
				Variables.createVariables()
					.putValueTyped(SweepVariables.SEND_AT, Variables.dateValue(Date.from(sendAt), true)));
		assertThat(instance).isStarted().hasBusinessKey(contact.id());
		return instance;
	}

	/** We-miss-you email, 7 days, code, consent check: at the offer step. */
	private ProcessInstance runToOffer(ProcessInstance journey) {
		execute(job());
		assertThat(journey).isWaitingAt("Event_SevenDaysPassed");
		execute(job());
		return journey;
	}

	/** Offer, 14 days, last chance, 7 days: the end. */
	private void runToEnd(ProcessInstance journey) {
		execute(job());
		assertThat(journey).isWaitingAt("Event_FourteenDaysPassed");
		execute(job());
		execute(job());
		assertThat(journey).isWaitingAt("Event_LastSevenDaysPassed");
		execute(job());
	}

	private LifecycleStage stage(Contact contact) {
		return contacts.find(contact.id()).orElseThrow().lifecycleStage();
	}

	private List<MessageRecord> sent(Contact contact) {
		return messages.ofContact(contact.id())
			.stream()
			.filter(message -> message.status() == MessageStatus.SENT)
			.toList();
	}

}
