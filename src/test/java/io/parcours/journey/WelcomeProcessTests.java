package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.SkipReason;
import io.parcours.channel.Suppressions;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Every path of bpmn/welcome.bpmn, with the real delegates and the log providers. */
@ParcoursTest
class WelcomeProcessTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Journeys journeys;

	@Autowired
	Messages messages;

	@Autowired
	TestContacts contacts;

	@Autowired
	ContactService contactService;

	@Autowired
	Suppressions suppressions;

	@BeforeEach
	void bindEngine() {
		AbstractAssertions.init(engine);
	}

	@Test
	void orderDuringTheFirstWaitThanksTheContactAndConverts() {
		Contact contact = contacts.withConsent(true, true);
		ProcessInstance journey = start(contact);
		assertThat(journey).isWaitingAt("Task_SendWelcomeEmail");
		execute(job());
		assertThat(journey).isWaitingAt("Event_TwoDaysPassed");

		order(contact, "o-1");

		assertThat(journey).isWaitingAt("Task_SendThankYouEmail");
		execute(job());
		assertThat(journey).isEnded().hasPassed("EndEvent_Converted").hasNotPassed("Task_SendGettingStartedEmail");
		assertThat(sent(contact)).extracting(MessageRecord::template, MessageRecord::status)
			.containsExactly(tuple("welcome", MessageStatus.SENT), tuple("thank-you", MessageStatus.SENT));
	}

	@Test
	void orderAfterTheGettingStartedEmailConverts() {
		Contact contact = contacts.withConsent(true, false);
		ProcessInstance journey = start(contact);
		execute(job());
		execute(job());
		assertThat(journey).isWaitingAt("Task_SendGettingStartedEmail");
		execute(job());
		assertThat(journey).isWaitingAt("Event_ThreeDaysPassed");

		order(contact, "o-2");
		execute(job());

		assertThat(journey).isEnded().hasPassed("Task_SendGettingStartedEmail", "EndEvent_Converted");
		assertThat(sent(contact)).extracting(MessageRecord::template)
			.containsExactly("welcome", "getting-started", "thank-you");
	}

	@Test
	void noOrderWithSmsConsentSendsTheCouponBySmsThenEndsWithoutOrder() {
		Contact contact = contacts.withConsent(true, true);
		ProcessInstance journey = runToCoupon(start(contact));

		assertThat(journey).hasPassed("Gateway_ConsentedToSms").isWaitingAt("Task_SendCouponSms");
		execute(job());
		assertThat(journey).isWaitingAt("Event_SevenDaysPassed");
		execute(job());

		assertThat(journey).isEnded().hasPassed("EndEvent_NoFirstOrder").hasNotPassed("Task_SendCouponEmail");
		assertThat(messages.ofContact(contact.id())).as("nothing skipped when the SMS may go")
			.allMatch(message -> message.status() == MessageStatus.SENT);
		assertThat(sent(contact)).extracting(MessageRecord::template, MessageRecord::channel)
			.containsExactly(tuple("welcome", Channel.EMAIL), tuple("getting-started", Channel.EMAIL),
					tuple("first-order-coupon", Channel.SMS));
	}

	@Test
	void noOrderWithoutSmsConsentSendsTheCouponByEmail() {
		Contact contact = contacts.withConsent(true, false);
		ProcessInstance journey = runToCoupon(start(contact));

		assertThat(journey).isWaitingAt("Task_SendCouponEmail");
		execute(job());
		execute(job());

		assertThat(journey).isEnded()
			.hasPassed("Task_SendCouponEmail", "EndEvent_NoFirstOrder")
			.hasNotPassed("Task_SendCouponSms");
		assertThat(sent(contact)).extracting(MessageRecord::template, MessageRecord::channel)
			.last()
			.isEqualTo(tuple("first-order-coupon", Channel.EMAIL));
		assertThat(messages.ofContact(contact.id())).as("why no SMS: among the contact's messages")
			.filteredOn(message -> message.channel() == Channel.SMS)
			.singleElement()
			.satisfies(sms -> {
				assertThat(sms.status()).isEqualTo(MessageStatus.SKIPPED);
				assertThat(sms.reason()).isEqualTo(SkipReason.NO_CONSENT);
				assertThat(sms.template()).isEqualTo("first-order-coupon");
				assertThat(sms.step()).isEqualTo("Task_CheckSmsConsent");
				assertThat(sms.journey()).isEqualTo(ProcessKeys.WELCOME);
			});
	}

	/**
	 * Consent to SMS given anew by the shop, but the number texted STOP and stays on the
	 * STOP list until a START: the coupon goes by email rather than being skipped.
	 */
	@Test
	void aNumberOnTheStopListGetsTheCouponByEmail() {
		// +33 61...: a valid mobile number whatever the digits (not every +33 6 is)
		String phone = "+3361" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
		String id = TestContacts.newId("c");
		Contact contact = contactService.replace(id, new ContactDetails(id + "@example.com", phone, "Ana", "fr-FR",
				"Europe/Paris", Map.of(Channel.EMAIL, true, Channel.SMS, true)), "test");
		assertThat(contact.phone()).isEqualTo(phone);
		suppressions.optOutNumber(phone, Instant.now());
		ProcessInstance journey = runToCoupon(start(contact));

		assertThat(journey).hasPassed("Gateway_ConsentedToSms").isWaitingAt("Task_SendCouponEmail");
		assertThat(messages.ofContact(contact.id())).filteredOn(message -> message.channel() == Channel.SMS)
			.singleElement()
			.satisfies(sms -> {
				assertThat(sms.status()).isEqualTo(MessageStatus.SKIPPED);
				assertThat(sms.reason()).isEqualTo(SkipReason.SUPPRESSED + "opted-out");
			});
	}

	@Test
	void orderAfterTheCouponConverts() {
		Contact contact = contacts.withConsent(true, false);
		ProcessInstance journey = runToCoupon(start(contact));
		execute(job());
		assertThat(journey).isWaitingAt("Event_SevenDaysPassed");

		order(contact, "o-3");
		execute(job());

		assertThat(journey).isEnded()
			.hasPassed("Task_SendCouponEmail", "EndEvent_Converted")
			.hasNotPassed("EndEvent_NoFirstOrder");
	}

	@Test
	void aContactWithoutEmailConsentGoesThroughTheJourneyButReceivesNoEmail() {
		Contact contact = contacts.withConsent(false, false);
		ProcessInstance journey = start(contact);
		execute(job());

		assertThat(journey).isWaitingAt("Event_TwoDaysPassed");
		assertThat(messages.ofContact(contact.id())).singleElement().satisfies(message -> {
			assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED);
			assertThat(message.reason()).isEqualTo(SkipReason.NO_CONSENT);
			assertThat(message.provider()).isNull();
		});
	}

	@Test
	void aContactRunsTheWelcomeSeriesOnlyOnceAtATime() {
		Contact contact = contacts.withConsent(true, false);
		start(contact);

		assertThat(journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contact.id(), Map.of())).isEmpty();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contact.id()).count()).isOne();
	}

	private ProcessInstance start(Contact contact) {
		String id = journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contact.id(), Map.of()).orElseThrow();
		ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
		assertThat(instance).isStarted().hasBusinessKey(contact.id()).hasVariables(VariableNames.CONTACT_ID);
		return instance;
	}

	/**
	 * Welcome email, 2 days, getting-started email, 3 days, consent check: at the coupon
	 * step.
	 */
	private ProcessInstance runToCoupon(ProcessInstance journey) {
		execute(job());
		execute(job());
		execute(job());
		assertThat(journey).isWaitingAt("Event_ThreeDaysPassed");
		execute(job());
		return journey;
	}

	private void order(Contact contact, String orderId) {
		assertThat(journeys.correlate(MessageNames.ORDER_COMPLETED, contact.id(),
				Map.of(VariableNames.ORDER_ID, orderId, VariableNames.ORDER_VALUE, new BigDecimal("42.00")),
				java.time.Instant.now()))
			.singleElement()
			.extracting(CorrelatedJourney::journey)
			.isEqualTo(ProcessKeys.WELCOME);
	}

	private java.util.List<MessageRecord> sent(Contact contact) {
		return messages.ofContact(contact.id())
			.stream()
			.filter(message -> message.status() == MessageStatus.SENT)
			.toList();
	}

}
