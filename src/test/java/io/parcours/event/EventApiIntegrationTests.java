package io.parcours.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasItem;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.parcours.H2Sessions;
import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.contact.LifecycleStage;
import io.parcours.contact.Orders;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import io.micrometer.core.instrument.MeterRegistry;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ParcoursTest
class EventApiIntegrationTests {

	@Autowired
	MeterRegistry meters;

	@Autowired
	MockMvc mvc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	RepositoryService repository;

	@Autowired
	ContactService contacts;

	@Autowired
	Messages messages;

	@Autowired
	TestContacts testContacts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Orders orders;

	@Autowired
	PendingEvents pendingEvents;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void refusesEventsWithoutCredentials() throws Exception {
		mvc.perform(post("/api/events").contentType(MediaType.APPLICATION_JSON).content(signUp("e", "c")))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Basic")))
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void anXmlBodyIsRefusedAsNoJson() throws Exception {
		String contactId = TestContacts.newId("c");
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_XML)
			.content("<e><id>%s</id><type>contact.signed_up</type><contactId>%s</contactId></e>"
				.formatted(TestContacts.newId("e"), contactId)))
			.andExpect(status().isUnsupportedMediaType());
		assertThat(contacts.find(contactId)).isEmpty();
	}

	@Test
	void refusesEventsFromSalesReps() throws Exception {
		mvc.perform(post("/api/events").with(httpBasic("sam", "sam"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(signUp(TestContacts.newId("e"), TestContacts.newId("c"))))
			.andExpect(status().isForbidden())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("'sam'")));
	}

	@Test
	void aSignUpCreatesTheContactStartsTheWelcomeSeriesAndTheEmailFollows() throws Exception {
		String contactId = TestContacts.newId("c");
		String eventId = TestContacts.newId("e");

		postEvent(signUp(eventId, contactId)).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.id").value(eventId))
			.andExpect(jsonPath("$.duplicate").value(false))
			.andExpect(jsonPath("$.processed").value(true));

		Contact contact = contacts.find(contactId).orElseThrow();
		assertThat(contact.phone()).isEqualTo("+33612345678");
		assertThat(contact.consents().get(Channel.EMAIL).source()).isEqualTo("event:" + eventId);
		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(contactId)
			.singleResult()
			.getId();
		mvc.perform(get("/api/contacts/{id}/journeys", contactId).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.journeys[0].journey").value("welcome"))
			.andExpect(jsonPath("$.journeys[0].waitingAt[0]").value("Send welcome email"));
		management.executeJob(management.createJobQuery().processInstanceId(journey).singleResult().getId());
		mvc.perform(get("/api/contacts/{id}/journeys", contactId).with(httpBasic("mia", "mia")))
			.andExpect(jsonPath("$.journeys[0].waitingAt[0]").value("2 days passed"));

		mvc.perform(get("/api/contacts/{id}/messages", contactId).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].template").value("welcome"))
			.andExpect(jsonPath("$[0].status").value("sent"))
			.andExpect(jsonPath("$[0].subject").value("Bienvenue, Ana !"));
	}

	@Test
	void aRepeatedEventIsAcknowledgedAsDuplicateWithoutSecondEffect() throws Exception {
		String contactId = TestContacts.newId("c");
		String eventId = TestContacts.newId("e");
		postEvent(signUp(eventId, contactId)).andExpect(status().isAccepted());

		postEvent(signUp(eventId, contactId)).andExpect(status().isOk())
			.andExpect(jsonPath("$.duplicate").value(true))
			.andExpect(jsonPath("$.processed").value(true));

		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isOne();
	}

	/**
	 * An importer resending a batch after the contact was erased: the events already
	 * taken are duplicates, not unknown contacts an importer would resend with a contact
	 * block, re-creating the person.
	 */
	@Test
	void anEventSentAgainAfterItsContactWasErasedIsADuplicate() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		String activity = TestContacts.newId("e");
		String orderCompleted = order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "10.00", "EUR");
		String unsubscribed = """
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "properties": {"channel": "sms"}}"""
			.formatted(activity, contactId);
		postEvent(unsubscribed).andExpect(status().isAccepted());
		postEvent(orderCompleted).andExpect(status().isAccepted());
		contacts.erase(contactId);

		postEvent(unsubscribed).andExpect(status().isOk()).andExpect(jsonPath("$.duplicate").value(true));
		postEvent(orderCompleted).andExpect(status().isOk()).andExpect(jsonPath("$.duplicate").value(true));

		assertThat(contacts.exists(contactId)).isFalse();
	}

	@Test
	void theSameEventArrivingTwiceAtTheSameMomentIsAcceptedOnce() throws Exception {
		String contactId = TestContacts.newId("c");
		String eventId = TestContacts.newId("e");
		CyclicBarrier together = new CyclicBarrier(2);
		Callable<Integer> send = () -> {
			together.await();
			return postEvent(signUp(eventId, contactId)).andReturn().getResponse().getStatus();
		};
		var pool = Executors.newFixedThreadPool(2);
		List<Future<Integer>> answers = new ArrayList<>();
		answers.add(pool.submit(send));
		answers.add(pool.submit(send));
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get());
		}
		pool.shutdown();

		assertThat(statuses).containsExactlyInAnyOrder(202, 200);
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isOne();
	}

	/**
	 * What goes into subjects, greetings and consent sources is one line, and a phone is
	 * taken as given or refused, never rewritten.
	 */
	@Test
	void lineBreakingCharactersAndPhoneExtensionsAreRefusedByName() throws Exception {
		postEvent("""
				{"id": "e-1\\u2028x", "type": "contact.signed_up", "contactId": "c-1"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		postEvent("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
				 "contact": {"email": "x@example.com", "firstName": "Ana\\u2028Bcc: evil@example.com"}}"""
			.formatted(TestContacts.newId("e"), TestContacts.newId("c"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.firstName"));
		for (String phone : List.of("+14155552671 ext. 123", "+33612345678\\u0000")) {
			postEvent("""
					{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"phone": "%s"}}"""
				.formatted(TestContacts.newId("e"), TestContacts.newId("c"), phone)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("contact.phone"));
		}
	}

	@Test
	void badPayloadsAreRefusedWithAProblemNamingTheField() throws Exception {
		postEvent("{\"id\": \"e-1\", \"contactId\": \"c-1\"}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field", hasItem("type")));
		postEvent("{\"id\": \"e-1\", \"type\": \"contact.teleported\", \"contactId\": \"c-1\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("type"))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("contact.signed_up")));
		postEvent("{\"id\": \"" + "x".repeat(101) + "\", \"type\": \"contact.signed_up\", \"contactId\": \"c-1\"}")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		postEvent("""
				{"id": "e-2", "type": "contact.signed_up", "contactId": "c-2", "contact": {"phone": "0612345678"}}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.phone"));
		postEvent("""
				{"id": "e-3", "type": "contact.signed_up", "contactId": "c-3",
				 "contact": {"timeZone": "Mars/Olympus"}}""").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.timeZone"));
		postEvent(
				"""
						{"id": "e-4", "type": "contact.signed_up", "contactId": "c-4", "contact": {"consents": {"fax": true}}}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.consents"));
		postEvent(
				"""
						{"id": "e-6", "type": "contact.signed_up", "contactId": "c-6", "contact": {"consents": {"sms": null}}}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.consents.sms"));
		postEvent("{\"id\": \"e-5\", ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
	}

	@Test
	void badPropertiesAreRefusedWithTheirPath() throws Exception {
		Contact contact = testContacts.withConsent(true, false);
		postEvent(order(TestContacts.newId("e"), contact.id(), "o-1", "-5", "EUR")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
		postEvent(order(TestContacts.newId("e"), contact.id(), "o-1", "10", "EURO")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.currency"));
		postEvent("""
				{"id": "e-6", "type": "order.completed", "contactId": "%s", "properties": {"value": "ten"}}"""
			.formatted(contact.id())).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
		postEvent(
				"""
						{"id": "e-7", "type": "cart.abandoned", "contactId": "%s",
						 "properties": {"cartId": "k1", "value": 10, "currency": "EUR", "items": [], "cartUrl": "https://s/c"}}"""
					.formatted(contact.id()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items"));
	}

	@Test
	void anEventForAnUnknownContactWithoutContactBlockIsUnprocessable() throws Exception {
		postEvent("""
				{"id": "%s", "type": "order.completed", "contactId": "nobody-%s",
				 "properties": {"orderId": "o-1", "value": 10, "currency": "EUR"}}""".formatted(TestContacts.newId("e"),
				TestContacts.newId("x")))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("contactId"));
	}

	@Test
	void anOrderUpdatesTheContactAndConvertsTheWaitingJourneyWithItsRevenue() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		postEvent(order(TestContacts.newId("e"), contactId, "o-77", "59.90", "EUR")).andExpect(status().isAccepted());

		Contact contact = contacts.find(contactId).orElseThrow();
		assertThat(contact.ordersCount()).isOne();
		assertThat(contact.revenue()).isEqualByComparingTo("59.90");
		assertThat(contact.lifecycleStage()).isEqualTo(LifecycleStage.ACTIVE);
		assertThat(contact.lastOrderAt()).isNotNull();
		assertThat(jdbc.sql("select revenue from conversion where contact_id = ? and journey = 'welcome'")
			.param(contactId)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("59.90");
		assertThat(runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.activityIdIn("Task_SendThankYouEmail")
			.count()).isOne();
		mvc.perform(get("/api/contacts/{id}/journeys", contactId).with(httpBasic("mia", "mia")))
			.andExpect(jsonPath("$.journeys[0].converted").value(true))
			.andExpect(jsonPath("$.journeys[0].revenue").value(59.9))
			.andExpect(jsonPath("$.journeys[0].currency").value("EUR"));
	}

	@Test
	void aContactsRevenueNeverAddsDifferentCurrencies() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		postEvent(order(TestContacts.newId("e"), contactId, "o-eur-1", "100", "EUR")).andExpect(status().isAccepted());
		postEvent(order(TestContacts.newId("e"), contactId, "o-usd-1", "100", "USD")).andExpect(status().isAccepted());
		postEvent(order(TestContacts.newId("e"), contactId, "o-eur-2", "20", "EUR")).andExpect(status().isAccepted());

		Contact contact = contacts.find(contactId).orElseThrow();
		assertThat(contact.ordersCount()).isEqualTo(3);
		assertThat(contact.revenue()).isEqualByComparingTo("120");
		assertThat(contact.currency()).isEqualTo("EUR");
		mvc.perform(get("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.revenueByCurrency.EUR").value(120.0))
			.andExpect(jsonPath("$.revenueByCurrency.USD").value(100.0));
	}

	@Test
	void aContactSigningUpAgainIsNotWelcomedAgain() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "30", "EUR"))
			.andExpect(status().isAccepted());

		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		assertThat(history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("welcome")
			.processInstanceBusinessKey(contactId)
			.count()).isOne();
	}

	/**
	 * The erasure cannot see an event whose transaction has not committed yet: the event,
	 * finding its contact gone, keeps nothing of them.
	 */
	@Test
	void anEventArrivingWhileItsContactIsErasedKeepsNothingOfThem() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		String eventId = TestContacts.newId("e");
		CountDownLatch erasing = new CountDownLatch(1);
		ExecutorService eraser = Executors.newSingleThreadExecutor();
		try {
			Future<?> erased = eraser.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
				contacts.erase(contactId);
				erasing.countDown();
				H2Sessions.awaitOneBlocked(jdbc);
			}));
			erasing.await(10, TimeUnit.SECONDS);

			postEvent("""
					{"id": "%s", "type": "cart.abandoned", "contactId": "%s", "properties": {"cartId": "k-%s",
					 "value": 30, "currency": "EUR", "cartUrl": "https://shop.example/c?e=ana.secret@example.com",
					 "items": [{"sku": "a", "name": "A", "quantity": 1, "price": 30}]}}""".formatted(eventId, contactId,
					eventId))
				.andExpect(status().isAccepted());
			erased.get(10, TimeUnit.SECONDS);
		}
		finally {
			eraser.shutdownNow();
		}

		assertThat(
				jdbc.sql("select payload from inbound_event where id = ?").param(eventId).query(String.class).single())
			.isEqualTo("{\"erased\":true}");
	}

	/**
	 * A journey that goes on waiting for orders (a loyalty loop) receives each one; it
	 * converts once, and no later order of the contact is held up by it.
	 */
	@Test
	void aJourneyWaitingForASecondOrderReceivesItAndConvertsOnce() throws Exception {
		var model = Bpmn.createExecutableProcess("loyalty-loop-test")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Joined")
			.intermediateCatchEvent("Event_FirstOrder")
			.name("First order")
			.message(MessageNames.ORDER_COMPLETED)
			.intermediateCatchEvent("Event_SecondOrder")
			.name("Second order")
			.message(MessageNames.ORDER_COMPLETED)
			.endEvent()
			.name("Loyal")
			.done();
		String deployment = repository.createDeployment()
			.addModelInstance("loyalty-loop-test.bpmn", model)
			.deploy()
			.getId();
		try {
			String contactId = EventCalls.signedUpContact(mvc);
			String loop = runtime
				.startProcessInstanceByKey("loyalty-loop-test", contactId, Map.of("contactId", contactId))
				.getId();

			postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "20", "EUR"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.processed").value(true));
			postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "30", "EUR"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.processed").value(true));

			assertThat(runtime.createProcessInstanceQuery().processInstanceId(loop).count()).isZero();
			assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isEqualTo(2);
			assertThat(jdbc.sql("select count(*) from conversion where process_instance_id = ?")
				.param(loop)
				.query(Integer.class)
				.single()).isOne();
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/** Erased, the person is gone: whoever signs up under the id later is welcomed. */
	@Test
	void aContactIdSigningUpAfterTheErasureIsWelcomedAnew() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		contacts.erase(contactId);

		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		assertThat(history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("welcome")
			.processInstanceBusinessKey(contactId)
			.count()).as("the erased person's journey is no longer under the id").isOne();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isOne();
	}

	@Test
	void anOrderPlacedBeforeTheJourneyBeganIsNoConversionOfIt() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(
				order(TestContacts.newId("e"), contactId, "o-recent", "10.00", "EUR").replace("\"properties\"",
						"\"occurredAt\": \"%s\", \"contact\": {\"email\": \"%s@example.com\"}, \"properties\""
							.formatted(Instant.now().minus(Duration.ofDays(3)), contactId)))
			.andExpect(status().isAccepted());
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		postEvent(order(TestContacts.newId("e"), contactId, "o-late", "30.00", "EUR").replace("\"properties\"",
				"\"occurredAt\": \"%s\", \"properties\"".formatted(Instant.now().minus(Duration.ofDays(10)))))
			.andExpect(status().isAccepted());

		Contact contact = contacts.find(contactId).orElseThrow();
		assertThat(contact.ordersCount()).isEqualTo(2);
		assertThat(contact.lastOrderAt()).isAfter(Instant.now().minus(Duration.ofDays(4)));
		assertThat(jdbc.sql("select count(*) from conversion where contact_id = ?")
			.param(contactId)
			.query(Integer.class)
			.single()).isZero();
		assertThat(runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.activityIdIn("Task_SendWelcomeEmail")
			.count()).as("the welcome journey goes on").isOne();
	}

	@Test
	void aConsentStatedAsOfBeforeAStopDoesNotUndoIt() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		postEvent("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "properties": {"channel": "sms"}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		postEvent(order(TestContacts.newId("e"), contactId, "o-old", "5.00", "EUR").replace("\"properties\"",
				"\"occurredAt\": \"%s\", \"contact\": {\"consents\": {\"sms\": true}}, \"properties\""
					.formatted(Instant.now().minus(Duration.ofHours(2)))))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.SMS)).isFalse();

		postEvent(order(TestContacts.newId("e"), contactId, "o-new", "5.00", "EUR").replace("\"properties\"",
				"\"contact\": {\"consents\": {\"sms\": true}}, \"properties\""))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.SMS)).as("given anew").isTrue();
	}

	@Test
	void detailsStatedAsOfBeforeTheLatestOnlyFillWhatTheContactLacks() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
				 "contact": {"email": "new@example.com", "firstName": "Ana"}}""".formatted(TestContacts.newId("e"),
				contactId))
			.andExpect(status().isAccepted());

		postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "5.00", "EUR").replace(
				"\"properties\"",
				"\"occurredAt\": \"%s\", \"contact\": {\"email\": \"old@example.com\", "
					.formatted(Instant.now().minus(Duration.ofDays(30)))
						+ "\"firstName\": \"Anna\", \"phone\": \"+33612345678\"}, \"properties\""))
			.andExpect(status().isAccepted());
		Contact afterOld = contacts.find(contactId).orElseThrow();
		assertThat(afterOld.email()).as("the address changed since stays").isEqualTo("new@example.com");
		assertThat(afterOld.firstName()).isEqualTo("Ana");
		assertThat(afterOld.phone()).as("what the contact lacked is filled").isEqualTo("+33612345678");

		postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "5.00", "EUR")
			.replace("\"properties\"", "\"contact\": {\"email\": \"newer@example.com\"}, \"properties\""))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().email()).isEqualTo("newer@example.com");
	}

	/**
	 * A time zone defaulted because the sign-up gave none is no statement: the late
	 * event's counts (quiet hours are kept in it). A phone number the person removed
	 * through a {@code PUT} stays removed whatever older event arrives after.
	 */
	@Test
	void anOlderEventFillsADefaultedTimeZoneButPutsBackNothingAPutRemoved() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"email": "ana@example.com"}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().timeZone()).isEqualTo("UTC");

		postEvent(olderOrder(contactId, Duration.ofDays(2), "{\"locale\": \"de-DE\", \"timeZone\": \"Europe/Berlin\"}"))
			.andExpect(status().isAccepted());
		Contact filled = contacts.find(contactId).orElseThrow();
		assertThat(filled.timeZone()).isEqualTo("Europe/Berlin");
		assertThat(filled.locale()).isEqualTo("de-DE");

		postEvent(olderOrder(contactId, Duration.ofDays(1), "{\"locale\": \"fr-FR\"}"))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().locale()).as("stated, no longer a default")
			.isEqualTo("de-DE");

		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"email": "ana@example.com", "locale": "de-DE", "timeZone": "Europe/Berlin"}"""))
			.andExpect(status().isOk());
		postEvent(olderOrder(contactId, Duration.ofHours(1), "{\"phone\": \"+33612345678\", \"firstName\": \"Ana\"}"))
			.andExpect(status().isAccepted());

		Contact afterPut = contacts.find(contactId).orElseThrow();
		assertThat(afterPut.phone()).as("removed by the PUT").isNull();
		assertThat(afterPut.firstName()).isNull();
	}

	private String olderOrder(String contactId, Duration ago, String contactBlock) {
		return order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "5.00", "EUR")
			.replace("\"properties\"", "\"occurredAt\": \"%s\", \"contact\": %s, \"properties\""
				.formatted(Instant.now().minus(ago), contactBlock));
	}

	@Test
	void anOrderReportedTwiceUnderDifferentEventIdsCountsOnce() throws Exception {
		Contact contact = testContacts.withConsent(true, false);
		postEvent(order(TestContacts.newId("e"), contact.id(), "o-dup", "20.00", "EUR"))
			.andExpect(status().isAccepted());
		postEvent(order(TestContacts.newId("e"), contact.id(), "o-dup", "20.00", "EUR"))
			.andExpect(status().isAccepted());

		Contact after = contacts.find(contact.id()).orElseThrow();
		assertThat(after.ordersCount()).isOne();
		assertThat(after.revenue()).isEqualByComparingTo("20.00");
	}

	@Test
	void anUnsubscribeWithdrawsConsentAtOnceAndTheNextEmailIsSkipped() throws Exception {
		String contactId = TestContacts.newId("c");
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		String eventId = TestContacts.newId("e");

		postEvent("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "properties": {"channel": "email"}}"""
			.formatted(eventId, contactId)).andExpect(status().isAccepted());

		Contact contact = contacts.find(contactId).orElseThrow();
		assertThat(contact.consentsTo(Channel.EMAIL)).isFalse();
		assertThat(contact.consentsTo(Channel.SMS)).isTrue();
		assertThat(contact.consents().get(Channel.EMAIL).source()).isEqualTo("event:" + eventId);
		String journey = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.singleResult()
			.getId();
		management.executeJob(management.createJobQuery().processInstanceId(journey).singleResult().getId());
		assertThat(messages.ofContact(contactId)).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED));
	}

	@Test
	void anEventWhoseProcessingFailsIsKeptAndProcessedByTheRetry() throws Exception {
		String contactId = TestContacts.newId("c");
		String eventId = TestContacts.newId("e");
		repository.suspendProcessDefinitionByKey(ProcessKeys.WELCOME);
		try {
			postEvent(signUp(eventId, contactId)).andExpect(status().isAccepted())
				.andExpect(jsonPath("$.processed").value(false));
			// the contact exists meanwhile: the shop's next event about them is taken
			assertThat(contacts.find(contactId))
				.hasValueSatisfying(contact -> assertThat(contact.consentsTo(Channel.EMAIL)).isTrue());
			postEvent(order(TestContacts.newId("e"), contactId, TestContacts.newId("o"), "12.00", "EUR"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.processed").value(true));
			// a journey broken for hours: the event is never given up
			for (int retry = 0; retry < 12; retry++) {
				jdbc.sql("update inbound_event set next_attempt_at = received_at where id = ?").param(eventId).update();
				pendingEvents.processDue();
			}
			assertThat(jdbc.sql("select attempts from inbound_event where id = ?")
				.param(eventId)
				.query(Integer.class)
				.single()).isEqualTo(13);
			assertThat(meters.get("parcours.events.awaiting.retry").gauge().value()).isGreaterThanOrEqualTo(1);
		}
		finally {
			repository.activateProcessDefinitionByKey(ProcessKeys.WELCOME);
		}
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isZero();
		assertThat(
				jdbc.sql("select status from inbound_event where id = ?").param(eventId).query(String.class).single())
			.isEqualTo("RECEIVED");

		jdbc.sql("update inbound_event set next_attempt_at = received_at where id = ?").param(eventId).update();
		pendingEvents.processDue();

		assertThat(
				jdbc.sql("select status from inbound_event where id = ?").param(eventId).query(String.class).single())
			.isEqualTo("PROCESSED");
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isOne();
	}

	/**
	 * The engine passes no message to a suspended journey: the order waits, stored, and
	 * reaches the journey once ops resume it, instead of being taken as processed.
	 */
	@Test
	void anOrderForASuspendedJourneyWaitsUntilItIsResumed() throws Exception {
		String contactId = TestContacts.newId("c");
		String journey = signedUpWithSuspendedWelcome(contactId);
		String eventId = TestContacts.newId("e");

		String orderId = TestContacts.newId("o");
		postWaitingOrder(eventId, contactId, orderId);
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).as("the whole event waits").isZero();
		assertThat(
				jdbc.sql("select status from inbound_event where id = ?").param(eventId).query(String.class).single())
			.isEqualTo("RECEIVED");
		assertThat(jdbc.sql("select next_attempt_at from inbound_event where id = ?")
			.param(eventId)
			.query(java.sql.Timestamp.class)
			.single()
			.toInstant()).as("retried every few seconds, not with growing delays")
			.isBefore(Instant.now().plusSeconds(15));
		// the waiting order holds its id
		postEvent(order(TestContacts.newId("e"), EventCalls.signedUpContact(mvc), orderId, "9.00", "EUR"))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.field").value("properties.orderId"));

		// resumed: processed at once, not at the next retry
		runtime.activateProcessInstanceById(journey);

		Instant deadline = Instant.now().plusSeconds(8);
		while (contacts.find(contactId).orElseThrow().ordersCount() == 0 && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(jdbc.sql("select revenue from conversion where process_instance_id = ?")
			.param(journey)
			.query(BigDecimal.class)
			.single()).isEqualByComparingTo("50.00");
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isOne();
	}

	/**
	 * Two contacts' orders with one id at the same moment, one of them waiting for its
	 * suspended journey: the other took the id, so the waiting one is set aside, not
	 * retried for ever.
	 */
	@Test
	void aWaitingOrderWhoseIdAnotherContactTookMeanwhileIsSetAside() throws Exception {
		String contactId = TestContacts.newId("c");
		String journey = signedUpWithSuspendedWelcome(contactId);
		String eventId = TestContacts.newId("e");
		String orderId = TestContacts.newId("o");
		postWaitingOrder(eventId, contactId, orderId);
		// what the race leaves: the other contact's order recorded while this one waited
		orders.recordIfNew(orderId, EventCalls.signedUpContact(mvc), new BigDecimal("9.00"), "EUR", Instant.now(),
				TestContacts.newId("e"));
		long waitingBefore = (long) meters.get("parcours.events.awaiting.retry").gauge().value();

		runtime.activateProcessInstanceById(journey);

		Instant deadline = Instant.now().plusSeconds(8);
		while (!"REFUSED".equals(statusOf(eventId)) && Instant.now().isBefore(deadline)) {
			Thread.sleep(100);
		}
		assertThat(statusOf(eventId)).isEqualTo("REFUSED");
		assertThat(jdbc.sql("select last_error from inbound_event where id = ?")
			.param(eventId)
			.query(String.class)
			.single()).contains("another contact");
		assertThat(meters.get("parcours.events.awaiting.retry").gauge().value()).isLessThan(waitingBefore);
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isZero();
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).singleResult()).isNotNull();
	}

	/** An order of 50 EUR, accepted and waiting for the contact's suspended journey. */
	private void postWaitingOrder(String eventId, String contactId, String orderId) throws Exception {
		postEvent(order(eventId, contactId, orderId, "50.00", "EUR")).andExpect(status().isAccepted())
			.andExpect(jsonPath("$.processed").value(false));
	}

	/** A new contact whose welcome journey ops suspended: the journey's id. */
	private String signedUpWithSuspendedWelcome(String contactId) throws Exception {
		postEvent(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(contactId)
			.singleResult()
			.getId();
		runtime.suspendProcessInstanceById(journey);
		return journey;
	}

	private String statusOf(String eventId) {
		return jdbc.sql("select status from inbound_event where id = ?").param(eventId).query(String.class).single();
	}

	/**
	 * Another contact's order id would be dropped as already recorded: refused instead.
	 */
	@Test
	void anOrderIdOfAnotherContactIsAConflictNamingTheField() throws Exception {
		String first = EventCalls.signedUpContact(mvc);
		String second = EventCalls.signedUpContact(mvc);
		String orderId = TestContacts.newId("o");
		String firstOrder = TestContacts.newId("e");
		postEvent(order(firstOrder, first, orderId, "10", "EUR")).andExpect(status().isAccepted());

		postEvent(order(TestContacts.newId("e"), second, orderId, "42", "EUR")).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("properties.orderId"))
			.andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString(first))));

		// the same order again for its own contact: a duplicate, no conflict
		postEvent(order(TestContacts.newId("e"), first, orderId, "10", "EUR")).andExpect(status().isAccepted());
		assertThat(contacts.find(first).orElseThrow().ordersCount()).isOne();
		assertThat(contacts.find(second).orElseThrow().ordersCount()).isZero();
	}

	/** The check before storing cannot see a contact's order not yet committed. */
	@Test
	void anOrderIdSentForSeveralContactsAtOnceCountsForTheOneAcceptedOnly() throws Exception {
		List<String> buyers = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			buyers.add(EventCalls.signedUpContact(mvc));
		}
		String orderId = TestContacts.newId("o");
		CyclicBarrier together = new CyclicBarrier(buyers.size());
		var pool = Executors.newFixedThreadPool(buyers.size());
		List<Future<Integer>> answers = new ArrayList<>();
		for (String buyer : buyers) {
			answers.add(pool.submit(() -> {
				together.await();
				return postEvent(order(TestContacts.newId("e"), buyer, orderId, "5", "EUR")).andReturn()
					.getResponse()
					.getStatus();
			}));
		}
		List<Integer> statuses = new ArrayList<>();
		for (Future<Integer> answer : answers) {
			statuses.add(answer.get());
		}
		pool.shutdown();

		assertThat(statuses).containsOnly(202, 409).containsOnlyOnce(202);
		for (int i = 0; i < buyers.size(); i++) {
			assertThat(contacts.find(buyers.get(i)).orElseThrow().ordersCount()).as(buyers.get(i))
				.isEqualTo(statuses.get(i) == 202 ? 1 : 0);
		}
	}

	private ResultActions postEvent(String json) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	static String signUp(String eventId, String contactId) {
		return """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
				 "contact": {"email": "%s@example.com", "phone": "+33 6 12 34 56 78", "firstName": "Ana",
				             "locale": "fr-FR", "timeZone": "Europe/Paris", "consents": {"email": true, "sms": true}}}"""
			.formatted(eventId, contactId, contactId);
	}

	static String order(String eventId, String contactId, String orderId, String value, String currency) {
		return """
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "%s", "value": %s, "currency": "%s"}}""".formatted(eventId, contactId,
				orderId, value, currency);
	}

}
