package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import io.parcours.ParcoursTest;
import io.parcours.TestCarts;
import io.parcours.TestContacts;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.SkipReason;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;
import io.parcours.experiment.ExperimentProperties;
import io.parcours.experiment.TestVariants;
import io.parcours.offer.DiscountCodes;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.AbstractAssertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Every path of bpmn/abandoned-cart.bpmn, fed through the event layer, with the real
 * delegates, the real (deterministic) A/B assignment and the log providers.
 */
@ParcoursTest
class AbandonedCartProcessTests {

	static final String EXPERIMENT = "cart-reminder";

	@Autowired
	ProcessEngine engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	EventIngestion events;

	@Autowired
	ContactService contacts;

	@Autowired
	Messages messages;

	@Autowired
	DiscountCodes discountCodes;

	@Autowired
	ExperimentProperties experiments;

	@Autowired
	JdbcClient jdbc;

	@BeforeEach
	void bindEngine() {
		AbstractAssertions.init(engine);
	}

	@Test
	void waitsTheFirstReminderDelayFromTheSettings() {
		String contact = contactIn("A", true, false);
		Instant before = Instant.now();
		ProcessInstance journey = abandon(contact, "k-1");

		assertThat(journey).isWaitingAt("Event_FirstReminderDue")
			.variables()
			.containsEntry("firstReminderDelay", "PT1H");
		assertThat(management.createJobQuery().processInstanceId(journey.getId()).singleResult().getDuedate())
			.isBetween(before.plus(Duration.ofMinutes(59)), Instant.now().plus(Duration.ofMinutes(61)));
	}

	@Test
	void anOrderBeforeTheFirstReminderRecoversTheCartOutsideTheExperiment() {
		String contact = contactIn("B", true, true);
		ProcessInstance journey = abandon(contact, "k-2");

		order(contact, "o-2", "80.00");

		assertThat(journey).isEnded().hasPassed("EndEvent_Recovered").hasNotPassed("Task_AssignVariant");
		assertThat(messages.ofContact(contact)).isEmpty();
		assertThat(assignedVariant(contact)).isNull();
		assertThat(conversion(journey)).containsEntry("revenue", new BigDecimal("80.00"))
			.containsEntry("variant", null);
	}

	@Test
	void variantASendsTheItemsAndTheLinkThenALastReminderThenEndsNotRecovered() {
		String contact = contactIn("A", true, true);
		ProcessInstance journey = abandon(contact, "k-3");
		execute(job(journey));

		assertThat(journey).hasPassed("Task_AssignVariant").isWaitingAt("Task_SendCartReminder");
		assertThat(journey).variables().containsEntry("variant", "A");
		assertThat(assignedVariant(contact)).isEqualTo("A");
		execute(job(journey));
		assertThat(journey).isWaitingAt("Event_OneDayPassed");
		execute(job(journey));
		execute(job(journey));
		assertThat(journey).isWaitingAt("Event_ThreeDaysPassed");
		execute(job(journey));

		assertThat(journey).isEnded()
			.hasPassed("EndEvent_NotRecovered")
			.hasNotPassed("Task_IssueDiscountCode", "Event_ControlPeriodPassed");
		List<MessageRecord> sent = messages.ofContact(contact);
		assertThat(sent)
			.extracting(MessageRecord::template, MessageRecord::channel, MessageRecord::status, MessageRecord::variant)
			.containsExactly(tuple("cart-reminder", Channel.EMAIL, MessageStatus.SENT, "A"),
					tuple("cart-last-reminder", Channel.EMAIL, MessageStatus.SENT, "A"));
		assertThat(sent.get(0).subject()).isEqualTo("Vous avez oublié quelque chose dans votre panier");
		assertThat(sent.get(0).body()).contains("2 × Lamp", "24.50 EUR", "49.00 EUR",
				"href=\"" + TestCarts.CART_URL + "k-3\"");
		assertThat(sent.get(1).body()).contains("2 × Lamp").doesNotContain("réduction");
	}

	/**
	 * 100 items with long names: the email is longer than 20 000 characters, and goes
	 * whole.
	 */
	@Test
	void theReminderOfALargeCartIsSentWhole() {
		String contact = contactIn("A", true, false);
		String cartId = TestContacts.newId("k");
		List<Map<String, Object>> items = IntStream.range(0, 100)
			.<Map<String, Object>>mapToObj(i -> Map.of("sku", "sku-" + i, "name",
					"Lamp & shade \"" + i + "\" " + "x".repeat(150), "quantity", 1, "price", new BigDecimal("1.00")))
			.toList();
		events.accept(new EventRequest(TestContacts.newId("e"), EventType.CART_ABANDONED, contact, Instant.now(), null,
				Map.of("cartId", cartId, "value", new BigDecimal("100.00"), "currency", "EUR", "cartUrl",
						TestCarts.CART_URL + cartId, "items", items)));
		ProcessInstance journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact)
			.singleResult();
		execute(job(journey));
		execute(job(journey));

		assertThat(journey).isWaitingAt("Event_OneDayPassed");
		MessageRecord reminder = messages.ofContact(contact).get(0);
		assertThat(reminder.status()).isEqualTo(MessageStatus.SENT);
		assertThat(reminder.body()).hasSizeGreaterThan(20_000).contains("Lamp &amp; shade &quot;99&quot;");
	}

	@Test
	void anOrderAfterTheReminderRecoversTheCartWithItsRevenueForTheVariant() {
		String contact = contactIn("A", true, false);
		ProcessInstance journey = abandon(contact, "k-4");
		execute(job(journey));
		execute(job(journey));
		assertThat(journey).isWaitingAt("Event_OneDayPassed");

		order(contact, "o-4", "49.00");

		assertThat(journey).isEnded().hasPassed("EndEvent_Recovered").hasNotPassed("Task_SendLastReminder");
		assertThat(conversion(journey)).containsEntry("revenue", new BigDecimal("49.00"))
			.containsEntry("variant", "A")
			.containsEntry("order_id", "o-4-" + contact);
	}

	@Test
	void variantBIssuesAUniqueCodeByEmailThenBySmsToAContactWhoConsented() {
		String contact = contactIn("B", true, true);
		ProcessInstance journey = abandon(contact, "k-5");
		execute(job(journey));

		assertThat(journey).hasPassed("Task_IssueDiscountCode").isWaitingAt("Task_SendDiscountEmail");
		String code = (String) runtime.getVariable(journey.getId(), VariableNames.DISCOUNT_CODE);
		assertThat(discountCodes.find(code)).get()
			.satisfies(issued -> assertThat(issued.processInstanceId()).isEqualTo(journey.getId()))
			.satisfies(issued -> assertThat(issued.offer()).isEqualTo("cart-recovery"))
			.satisfies(issued -> assertThat(issued.percent()).isEqualTo(10));
		execute(job(journey));
		assertThat(journey).isWaitingAt("Event_FourHoursPassed");
		execute(job(journey));
		assertThat(journey).hasPassed("Event_FourHoursPassed").isWaitingAt("Task_SendDiscountSms");
		execute(job(journey));
		assertThat(journey).isWaitingAt("Event_OneDayPassed");
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));

		assertThat(journey).isEnded().hasPassed("Task_SendLastReminder", "EndEvent_NotRecovered");
		List<MessageRecord> sent = messages.ofContact(contact);
		assertThat(sent).extracting(MessageRecord::template, MessageRecord::channel, MessageRecord::variant)
			.containsExactly(tuple("cart-discount", Channel.EMAIL, "B"), tuple("cart-discount", Channel.SMS, "B"),
					tuple("cart-last-reminder", Channel.EMAIL, "B"));
		assertThat(sent).allSatisfy(message -> assertThat(message.body()).contains(code));
		assertThat(sent.get(0).subject()).isEqualTo("-10 % sur le panier que vous avez laissé");
		assertThat(sent.get(1).body()).contains("-10% avec le code " + code, TestCarts.CART_URL + "k-5");
	}

	@Test
	void variantBWithoutSmsConsentRecordsTheSmsAsSkippedWithItsReason() {
		String contact = contactIn("B", true, false);
		ProcessInstance journey = abandon(contact, "k-6");
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));

		assertThat(journey).hasPassed("Task_SendDiscountSms").isWaitingAt("Event_OneDayPassed");
		assertThat(messages.ofContact(contact))
			.extracting(MessageRecord::template, MessageRecord::channel, MessageRecord::status, MessageRecord::reason)
			.containsExactly(tuple("cart-discount", Channel.EMAIL, MessageStatus.SENT, null),
					tuple("cart-discount", Channel.SMS, MessageStatus.SKIPPED, SkipReason.NO_CONSENT));
	}

	@Test
	void theControlGroupReceivesNothingAndEndsNotRecovered() {
		String contact = contactIn("control", true, true);
		ProcessInstance journey = abandon(contact, "k-7");
		execute(job(journey));

		assertThat(journey).isWaitingAt("Event_ControlPeriodPassed");
		assertThat(assignedVariant(contact)).isEqualTo("control");
		execute(job(journey));

		assertThat(journey).isEnded().hasPassed("EndEvent_NotRecovered");
		assertThat(messages.ofContact(contact)).isEmpty();
	}

	@Test
	void anOrderInTheControlGroupIsRecoveredForControl() {
		String contact = contactIn("control", true, true);
		ProcessInstance journey = abandon(contact, "k-8");
		execute(job(journey));

		order(contact, "o-8", "49.00");

		assertThat(journey).isEnded().hasPassed("EndEvent_Recovered");
		assertThat(conversion(journey)).containsEntry("variant", "control");
		assertThat(messages.ofContact(contact)).isEmpty();
	}

	@Test
	void aNewerCartOfTheContactUpdatesTheRunningJourney() {
		String contact = contactIn("A", true, false);
		ProcessInstance journey = abandon(contact, "k-9");

		events.accept(TestCarts.abandoned(contact, "k-10", "Chair", 3, "60.00", Instant.now()));

		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contact).count()).isOne();
		assertThat(journey).isWaitingAt("Event_FirstReminderDue")
			.variables()
			.containsEntry(VariableNames.CART_ID, "k-10")
			.containsEntry(VariableNames.CART_VALUE, new BigDecimal("180.00"));
		execute(job(journey));
		execute(job(journey));
		assertThat(messages.ofContact(contact)).singleElement()
			.satisfies(message -> assertThat(message.body()).contains("3 × Chair", TestCarts.CART_URL + "k-10")
				.doesNotContain("Lamp"));
	}

	@Test
	void aContactWithoutEmailConsentJoinsTheExperimentAndEveryMessageIsSkippedWithItsReason() {
		String contact = contactIn("B", false, false);
		ProcessInstance journey = abandon(contact, "k-11");
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));
		execute(job(journey));

		assertThat(assignedVariant(contact)).isEqualTo("B");
		assertThat(journey).isWaitingAt("Event_ThreeDaysPassed");
		assertThat(messages.ofContact(contact))
			.extracting(MessageRecord::template, MessageRecord::status, MessageRecord::reason)
			.containsExactly(tuple("cart-discount", MessageStatus.SKIPPED, SkipReason.NO_CONSENT),
					tuple("cart-discount", MessageStatus.SKIPPED, SkipReason.NO_CONSENT),
					tuple("cart-last-reminder", MessageStatus.SKIPPED, SkipReason.NO_CONSENT));
	}

	private String contactIn(String variant, boolean email, boolean sms) {
		String id = TestVariants.contactIdIn(EXPERIMENT, experiments.find(EXPERIMENT).orElseThrow().weights(), variant);
		contacts.replace(id, new ContactDetails(id + "@example.com", "+33612345678", "Ana", "fr-FR", "Europe/Paris",
				Map.of(Channel.EMAIL, email, Channel.SMS, sms)), "test");
		return id;
	}

	private ProcessInstance abandon(String contact, String cartId) {
		events.accept(TestCarts.abandoned(contact, cartId, "Lamp", 2, "24.50", Instant.now()));
		ProcessInstance journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact)
			.singleResult();
		assertThat(journey).isStarted().hasBusinessKey(contact);
		return journey;
	}

	private void order(String contact, String orderId, String value) {
		events.accept(TestCarts.order(contact, orderId + "-" + contact, value, Instant.now()));
	}

	private String assignedVariant(String contact) {
		return jdbc.sql("select variant from experiment_assignment where experiment = ? and contact_id = ?")
			.params(EXPERIMENT, contact)
			.query(String.class)
			.optional()
			.orElse(null);
	}

	private Map<String, Object> conversion(ProcessInstance journey) {
		return jdbc.sql("select order_id, revenue, variant from conversion where process_instance_id = ?")
			.param(journey.getId())
			.query()
			.singleRow()
			.entrySet()
			.stream()
			.collect(java.util.HashMap::new, (map, e) -> map.put(e.getKey().toLowerCase(), e.getValue()),
					java.util.HashMap::putAll);
	}

}
