package io.parcours.testrun;

import static io.parcours.testrun.TestRunCalls.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.H2Sessions;
import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.ContactService;
import io.parcours.offer.DiscountCode;
import io.parcours.offer.DiscountCodes;
import io.parcours.offer.Offer;
import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Test a journey before launch: the welcome series played for a test contact in seconds,
 * with the waits, the path and the rendered messages, and no trace left behind; each
 * journey started directly, without its event, as its real start would start it.
 */
@ParcoursTest
class TestRunIntegrationTests {

	static final String SIGNED_UP_WITHOUT_SMS = """
			{ "contact": { "email": "lea@example.com", "firstName": "Léa", "locale": "fr-FR", "timeZone": "Europe/Paris",
			               "consents": { "email": true, "sms": false } },
			  "events": [ { "after": "P0D", "type": "contact.signed_up" } %s ] }""";

	static final String NO_EVENTS = "{ \"events\": [] }";

	static final String NEEDS_VARIABLE = "test-run-needs-variable";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestContacts testContacts;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	HistoryService history;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Autowired
	ContactService contacts;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	DiscountCodes discountCodes;

	@Test
	void playsAWholeWeekWithoutOrderAndShowsEveryMessageAsSent() throws Exception {
		JsonNode report = run("welcome", SIGNED_UP_WITHOUT_SMS.formatted(""));

		assertThat(report.path("status").asText()).isEqualTo("completed");
		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'No first order'");
		assertThat(report.path("simulatedDuration").asText()).isEqualTo("PT288H");
		assertThat(texts(report.path("timeline"), "detail")).contains("waited P2D", "waited P3D", "waited P7D");
		assertThat(texts(report.path("timeline"), "activityId")).containsSubsequence("StartEvent_SignedUp",
				"Task_SendWelcomeEmail", "Event_TwoDaysPassed", "Task_SendGettingStartedEmail",
				"Gateway_ConsentedToSms", "Task_SendCouponEmail", "EndEvent_NoFirstOrder");
		assertThat(report.path("messages")).as("the coupon's SMS, not allowed: shown skipped, with why")
			.filteredOn(message -> message.path("channel").asText().equals("sms"))
			.singleElement()
			.satisfies(sms -> assertThat(sms.path("status").asText() + " " + sms.path("reason").asText())
				.isEqualTo("skipped no-consent"));
		JsonNode messages = json.valueToTree(StreamSupport.stream(report.path("messages").spliterator(), false)
			.filter(message -> message.path("channel").asText().equals("email"))
			.toList());
		assertThat(texts(messages, "template")).containsExactly("welcome", "getting-started", "first-order-coupon");
		assertThat(texts(messages, "at")).containsExactly("PT0S", "PT48H", "PT120H");
		assertThat(texts(messages, "provider")).containsOnly("log");
		assertThat(messages.get(0).path("body").asText()).contains("Léa");
		assertThat(messages.get(0).path("subject").asText()).isNotBlank();
	}

	/** The dashboard's timeline reads "2 days passed", not Event_TwoDaysPassed. */
	@Test
	void aWaitIsShownWithTheNameOfItsStep() throws Exception {
		JsonNode report = run("welcome", SIGNED_UP_WITHOUT_SMS.formatted(""));

		List<String> waits = new ArrayList<>();
		for (JsonNode entry : report.path("timeline")) {
			if (entry.path("kind").asText().equals("wait")) {
				waits.add(entry.path("activityId").asText() + "=" + entry.path("name").asText());
			}
		}
		assertThat(waits).containsExactly("Event_TwoDaysPassed=2 days passed",
				"Event_ThreeDaysPassed=3 more days passed", "Event_SevenDaysPassed=7 days passed");
	}

	@Test
	void anOrderOnDayThreeEndsTheJourneyAsConverted() throws Exception {
		JsonNode report = run("welcome", SIGNED_UP_WITHOUT_SMS.formatted("""
				, { "after": "P3D", "type": "order.completed",
				    "properties": { "orderId": "o-test", "value": 30.00, "currency": "EUR" } }"""));

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Converted'");
		assertThat(texts(report.path("messages"), "template")).containsExactly("welcome", "getting-started",
				"thank-you");
		assertThat(texts(report.path("messages"), "at")).containsExactly("PT0S", "PT48H", "PT72H");
		assertThat(report.path("messages").get(2).path("body").asText()).as("the order as scripted")
			.contains("o-test")
			.doesNotContain("test-run:");
		assertThat(texts(report.path("timeline"), "name")).as("the order, then what it caused")
			.containsSubsequence("contact.signed_up", "Contact signed up", "order.completed", "Order completed",
					"Converted");
	}

	/**
	 * Scripted events happen at their simulated moments: an order a day before the cart
	 * is an earlier purchase, one an hour after it recovers it.
	 */
	/** A cart abandoned {@code after} (ISO-8601) the start of the script. */
	private static final String SCRIPTED_CART = """
			{ "after": "%s", "type": "cart.abandoned",
			  "properties": { "cartId": "k-test", "value": 45.0, "currency": "EUR",
			                  "cartUrl": "https://shop.example/cart/k-test",
			                  "items": [ { "sku": "T", "name": "Teapot", "quantity": 3, "price": 15 } ] } }""";

	@Test
	void scriptedEventsCompareAtTheirSimulatedMoments() throws Exception {
		String order = """
				{ "after": "%s", "type": "order.completed",
				  "properties": { "orderId": "o-test", "value": 45, "currency": "EUR" } }""";

		JsonNode orderedBefore = run("abandoned-cart", "{ \"variant\": \"A\", \"events\": [ %s, %s ] }"
			.formatted(order.formatted("P0D"), SCRIPTED_CART.formatted("P1D")));
		JsonNode orderedAfter = run("abandoned-cart", "{ \"variant\": \"A\", \"events\": [ %s, %s ] }"
			.formatted(SCRIPTED_CART.formatted("P0D"), order.formatted("PT2H")));

		assertThat(orderedBefore.path("outcome").asText()).isEqualTo("Journey ended at 'Not recovered'");
		assertThat(texts(orderedBefore.path("messages"), "template")).contains("cart-reminder", "cart-last-reminder");
		assertThat(orderedAfter.path("outcome").asText()).isEqualTo("Journey ended at 'Recovered'");
		assertThat(texts(orderedAfter.path("messages"), "template")).containsExactly("cart-reminder");
	}

	/**
	 * A scripted event may start another journey of the test contact: each line and
	 * message says which journey it belongs to, and a message of an A/B split its
	 * variant.
	 */
	@Test
	void eachLineAndMessageNamesItsJourney() throws Exception {
		// the tested journey's variant as given: a drawn one may be control, which sends
		// nothing
		JsonNode report = run("abandoned-cart",
				"{ \"variant\": \"B\", \"events\": [ { \"after\": \"PT0S\", \"type\": \"contact.signed_up\" }, %s ] }"
					.formatted(SCRIPTED_CART.formatted("P1D")));

		assertThat(report.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("activity"))
			.extracting(entry -> entry.path("journey").asText())
			.contains("welcome", "abandoned-cart")
			.containsOnly("welcome", "abandoned-cart");
		assertThat(report.path("timeline")).filteredOn(entry -> entry.path("kind").asText().equals("event"))
			.allMatch(entry -> !entry.has("journey"));
		assertThat(report.path("messages")).filteredOn(message -> message.path("template").asText().equals("welcome"))
			.allMatch(message -> message.path("journey").asText().equals("welcome") && !message.has("variant"));
		assertThat(report.path("messages"))
			.filteredOn(message -> message.path("journey").asText().equals("abandoned-cart"))
			.isNotEmpty()
			.allMatch(message -> message.path("variant").asText().equals("B"));
	}

	/**
	 * Events before the tested journey's start play at their moments, and so do the
	 * journeys they start: a cart abandoned two days before the sign-up gets its first
	 * reminder an hour after the cart, not after the sign-up.
	 */
	@Test
	void journeysStartedBeforeTheTestedOnePlayAtTheirOwnMoments() throws Exception {
		JsonNode report = run("welcome",
				"{ \"events\": [ %s, { \"after\": \"P2D\", \"type\": \"contact.signed_up\" } ] }"
					.formatted(SCRIPTED_CART.formatted("PT0S")));

		JsonNode reminderDue = StreamSupport.stream(report.path("timeline").spliterator(), false)
			.filter(entry -> entry.path("kind").asText().equals("wait")
					&& entry.path("journey").asText().equals("abandoned-cart"))
			.findFirst()
			.orElseThrow();
		assertThat(reminderDue.path("at").asText()).isEqualTo("PT1H");
		assertThat(report.path("messages")).filteredOn(message -> message.path("template").asText().equals("welcome"))
			.singleElement()
			.satisfies(welcome -> assertThat(welcome.path("at").asText()).isEqualTo("PT48H"));
	}

	/**
	 * The tested journey ending does not stop the others the script started, nor the
	 * events after it: the welcome series a sign-up started goes on after the cart's
	 * journey ended, and the order at day 6 converts it.
	 */
	@Test
	void theJourneysTheScriptStartedPlayOnAfterTheTestedOneEnds() throws Exception {
		JsonNode report = run("abandoned-cart", """
				{ "variant": "control", "events": [ { "after": "PT0S", "type": "contact.signed_up" }, %s,
				  { "after": "P6D", "type": "order.completed",
				    "properties": { "orderId": "o-later", "value": 20, "currency": "EUR" } } ] }"""
			.formatted(SCRIPTED_CART.formatted("PT1S")));

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Not recovered'");
		assertThat(report.path("timeline")).filteredOn(entry -> entry.path("journey").asText().equals("welcome"))
			.extracting(entry -> entry.path("name").asText())
			.contains("Converted");
	}

	/**
	 * A second lead.created nurtures the lead again: the run reports that latest journey,
	 * here waiting for sales, not the first one that ended.
	 */
	@Test
	void aJourneyStartedAgainByTheScriptIsReportedAsItsLatestStands() throws Exception {
		JsonNode report = run("b2b-nurturing", """
				{ "events": [
				  { "after": "PT0S", "type": "lead.created", "properties": { "company": "Tiny", "jobTitle": "Intern",
				    "companySize": 2, "industry": "Retail", "country": "FR", "source": "webinar" } },
				  { "after": "P100D", "type": "lead.created", "properties": { "company": "Acme", "jobTitle": "CTO",
				    "companySize": 200, "industry": "Software", "country": "FR", "source": "webinar" } },
				  { "after": "P101D", "type": "lead.activity", "properties": { "activity": "demo_requested" } } ] }""");

		assertThat(report.path("status").asText()).as(report.path("outcome").asText()).isEqualTo("waiting");
		assertThat(report.path("outcome").asText()).startsWith("Journey waits at 'Qualify hot lead'");
	}

	/**
	 * A script reusing the id of a real cart or order (the dashboard's sample script,
	 * another marketer's) plays with its own: the real cart stays its customer's, and the
	 * test order is not taken for the real one, nor uses up the customer's discount code.
	 */
	@Test
	void aScriptedCartOrOrderIdThatARealOneHasLeavesTheRealOneAlone() throws Exception {
		String customer = TestContacts.newId("c");
		String cartId = "shared-" + customer;
		String orderId = "shared-order-" + customer;
		String realCart = """
				{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
				 "contact": {"email": "%s@example.com", "consents": {"email": true}},
				 "properties": {"cartId": "%s", "value": 20.0, "currency": "EUR", "cartUrl": "https://shop.example/c",
				                "items": [{"sku": "R1", "name": "Real kettle", "quantity": 1, "price": 20.0}]}}"""
			.formatted(TestContacts.newId("e"), customer, customer, cartId);
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(realCart)).andExpect(status().isAccepted());
		DiscountCode customersCode = discountCodes.issue(TestContacts.newId("key"), "cart-recovery", new Offer(10, 7),
				customer, "abandoned-cart", "pi-" + customer);
		String buyer = testContacts.withConsent(true, false).id();
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "order.completed", "contactId": "%s",
					 "properties": {"orderId": "%s", "value": 77.0, "currency": "EUR"}}"""
				.formatted(TestContacts.newId("e"), buyer, orderId)))
			.andExpect(status().isAccepted());

		JsonNode report = run("abandoned-cart",
				"""
						{ "variant": "A", "events": [
						  { "after": "PT0S", "type": "cart.abandoned",
						    "properties": { "cartId": "%s", "value": 5.0, "currency": "EUR", "cartUrl": "https://shop.example/t",
						                    "items": [ { "sku": "T1", "name": "Test teapot", "quantity": 1, "price": 5.0 } ] } },
						  { "after": "PT2H", "type": "order.completed",
						    "properties": { "orderId": "%s", "value": 5.0, "currency": "EUR", "discountCode": "%s" } } ] }"""
					.formatted(cartId, orderId, customersCode.code()));

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Recovered'");
		assertThat(jdbc.sql("select contact_id from cart where cart_id = ?").param(cartId).query(String.class).list())
			.containsExactly(customer);
		assertThat(jdbc.sql("select contact_id from customer_order where order_id = ?")
			.param(orderId)
			.query(String.class)
			.list()).containsExactly(buyer);
		assertThat(discountCodes.find(customersCode.code()).orElseThrow().redeemedByOrder()).isNull();
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey("abandoned-cart")
			.processInstanceBusinessKey(customer)
			.count()).isOne();
	}

	/**
	 * Signed up on day 1, ordered on day 2: no getting-started email on day 2 of the test
	 * run.
	 */
	@Test
	void aJourneyStartsWhenTheScriptSendsItsStartEvent() throws Exception {
		JsonNode report = run("welcome", """
				{ "contact": { "email": "lea@example.com", "locale": "fr-FR", "timeZone": "Europe/Paris",
				               "consents": { "email": true, "sms": false } },
				  "events": [ { "after": "P1D", "type": "contact.signed_up" },
				              { "after": "P2D", "type": "order.completed",
				                "properties": { "orderId": "o-test", "value": 30.00, "currency": "EUR" } } ] }""");

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Converted'");
		assertThat(texts(report.path("messages"), "template")).containsExactly("welcome", "thank-you");
		assertThat(texts(report.path("messages"), "at")).containsExactly("PT24H", "PT48H");
	}

	@Test
	void leavesNoTraceAndKeepsTheReport() throws Exception {
		String statsBefore = stats();
		JsonNode report = run("welcome", SIGNED_UP_WITHOUT_SMS.formatted(""));

		String contactId = report.path("contactId").asText();
		assertThat(contactId).startsWith(TestRunContacts.PREFIX);
		assertThat(stats()).isEqualTo(statsBefore);
		for (String table : List.of("contact where id", "message where contact_id", "inbound_event where contact_id")) {
			assertThat(jdbc.sql("select count(*) from " + table + " = ?").param(contactId).query(Long.class).single())
				.as(table)
				.isZero();
		}
		assertThat(history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isZero();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isZero();
		mvc.perform(get("/api/journeys/welcome/test-runs/" + report.path("id").asText()).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.outcome").value(report.path("outcome").asText()));
	}

	@Test
	void erasingAContactRemovesTheReportsCopiedFromThem() throws Exception {
		String original = TestContacts.newId("c");
		mvc.perform(put("/api/contacts/" + original).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"email": "zoe@example.com", "firstName": "Zoesecret", "locale": "fr-FR", "consents": {"email": true}}"""))
			.andExpect(status().isCreated());
		JsonNode report = run("welcome", """
				{ "copyOf": "%s", "events": [ { "after": "P0D", "type": "contact.signed_up" } ] }"""
			.formatted(original));
		assertThat(report.path("messages").get(0).path("body").asText()).contains("Zoesecret");

		mvc.perform(delete("/api/contacts/" + original).with(httpBasic("mia", "mia")))
			.andExpect(status().isNoContent());

		mvc.perform(get("/api/journeys/welcome/test-runs/" + report.path("id").asText()).with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound());
	}

	/**
	 * A run copying a person being erased at that moment: it waits for the erasure and is
	 * refused, rather than keeping a report with their name that the erasure did not see.
	 */
	@Test
	void aRunCopyingAPersonBeingErasedIsRefused() throws Exception {
		String original = TestContacts.newId("c");
		mvc.perform(put("/api/contacts/" + original).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"email": "zoe@example.com", "firstName": "Zoesecret", "consents": {"email": true}}"""))
			.andExpect(status().isCreated());
		CountDownLatch erasing = new CountDownLatch(1);
		ExecutorService eraser = Executors.newSingleThreadExecutor();
		try {
			Future<?> erased = eraser.submit(() -> new TransactionTemplate(transactions).executeWithoutResult(tx -> {
				contacts.erase(original);
				erasing.countDown();
				H2Sessions.awaitOneBlocked(jdbc);
			}));
			erasing.await(10, TimeUnit.SECONDS);

			mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{ "copyOf": "%s", "events": [] }""".formatted(original)))
				.andExpect(status().isUnprocessableEntity());
			erased.get(10, TimeUnit.SECONDS);
		}
		finally {
			eraser.shutdownNow();
		}

		assertThat(jdbc.sql("select count(*) from test_run where copied_from = ?")
			.param(original)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void startsTheWelcomeSeriesDirectlyWithoutEvents() throws Exception {
		JsonNode report = run("welcome", NO_EVENTS);

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'No first order'");
		assertThat(texts(report.path("messages"), "template")).startsWith("welcome", "getting-started");
		assertThat(texts(report.path("messages"), "at")).startsWith("PT0S", "PT48H");
	}

	@Test
	void startsTheAbandonedCartJourneyDirectlyAboutASampleCartAfterTheConfiguredDelay() throws Exception {
		JsonNode report = run("abandoned-cart", "{ \"events\": [], \"variant\": \"A\" }");

		assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("completed");
		assertThat(texts(report.path("timeline"), "detail")).filteredOn(detail -> !detail.isEmpty())
			.startsWith("waited PT1H");
		JsonNode messages = report.path("messages");
		assertThat(texts(messages, "at")).first().isEqualTo("PT1H");
		assertThat(messages.get(0).path("body").asText()).contains("Sample product");
		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Not recovered'");
	}

	@Test
	void playsTheVariantTheMarketerChooses() throws Exception {
		JsonNode b = run("abandoned-cart", "{ \"events\": [], \"variant\": \"B\" }");
		JsonNode control = run("abandoned-cart", "{ \"events\": [], \"variant\": \"control\" }");

		assertThat(texts(b.path("messages"), "template")).startsWith("cart-discount", "cart-discount")
			.contains("cart-last-reminder");
		assertThat(texts(b.path("messages"), "variant")).containsOnly("B");
		assertThat(control.path("messages")).isEmpty();
		assertThat(control.path("outcome").asText()).isEqualTo("Journey ended at 'Not recovered'");
		assertThat(jdbc.sql("select count(*) from experiment_assignment where contact_id like 'test-run:%'")
			.query(Integer.class)
			.single()).as("removed with the test contact").isZero();

		mvc.perform(post("/api/journeys/abandoned-cart/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"events\": [], \"variant\": \"Z\" }"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("variant"))
			.andExpect(jsonPath("$.errors[0].message").value("must be one of A, B, control"));
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"events\": [], \"variant\": \"A\" }"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message").value("is no variant: 'welcome' runs no experiment"));
	}

	@Test
	void startsTheReactivationJourneyDirectlyAtTheFirstSendingSlotOfASweep() throws Exception {
		JsonNode lapsed = run("reactivation", NO_EVENTS);

		assertThat(lapsed.path("status").asText()).as(lapsed.toString()).isEqualTo("completed");
		assertThat(lapsed.path("outcome").asText()).isEqualTo("Journey ended at 'Lapsed'");
		assertThat(texts(lapsed.path("messages"), "template")).startsWith("we-miss-you")
			.contains("reactivation-offer", "reactivation-last-chance");
		assertThat(texts(lapsed.path("messages"), "at")).first().isEqualTo("PT0S");

		JsonNode reactivated = run("reactivation", """
				{ "events": [ { "after": "P2D", "type": "order.completed",
				                "properties": { "orderId": "o-test", "value": 30.00, "currency": "EUR" } } ] }""");

		assertThat(reactivated.path("outcome").asText()).isEqualTo("Journey ended at 'Reactivated'");
		assertThat(texts(reactivated.path("messages"), "template")).containsExactly("we-miss-you");
	}

	@Test
	void startsTheB2bNurturingJourneyDirectlyForASampleLeadWithTheSettings() throws Exception {
		JsonNode report = run("b2b-nurturing", NO_EVENTS);

		assertThat(report.path("status").asText()).as(report.toString()).isIn("completed", "waiting");
		assertThat(texts(report.path("timeline"), "detail")).contains("waited PT72H");
		assertThat(texts(report.path("messages"), "template")).startsWith("b2b-nurture-1", "b2b-nurture-2");
		assertThat(texts(report.path("messages"), "at")).startsWith("PT0S", "PT72H");
	}

	@Test
	void theFrequencyCapCountsTheMessagesOfTheSimulatedWeek() throws Exception {
		JsonNode report = run("b2b-nurturing", NO_EVENTS);

		// days 0, 3, 6, 9: never more than 3 within 7 days, so all four go
		assertThat(texts(report.path("messages"), "template")).containsExactly("b2b-nurture-1", "b2b-nurture-2",
				"b2b-nurture-3", "b2b-nurture-4");
		assertThat(texts(report.path("messages"), "status")).containsOnly("sent");
	}

	@Test
	void aJourneyThatCannotStartWithoutAVariableIsAFailedRunNamingIt() throws Exception {
		var model = Bpmn.createExecutableProcess(NEEDS_VARIABLE)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_Waited")
			.name("Waited")
			.timerWithDuration("${waitFor}")
			.endEvent("EndEvent_Done")
			.name("Done")
			.done();
		String deployment = repository.createDeployment()
			.addModelInstance(NEEDS_VARIABLE + ".bpmn", model)
			.deploy()
			.getId();
		try {
			JsonNode failed = run(NEEDS_VARIABLE, NO_EVENTS);
			assertThat(failed.path("status").asText()).isEqualTo("failed");
			assertThat(failed.path("outcome").asText()).startsWith("Journey failed: could not start")
				.contains("waitFor");

			JsonNode given = run(NEEDS_VARIABLE, """
					{ "variables": { "waitFor": "PT5M" } }""");
			assertThat(given.path("outcome").asText()).isEqualTo("Journey ended at 'Done'");
			assertThat(texts(given.path("timeline"), "detail")).contains("waited PT5M");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/**
	 * A cart reminder with its discount code in a journey without a cart or a code: the
	 * run shows the failure before launch, instead of an email with blanks.
	 */
	@Test
	void aTemplateShowingWhatTheJourneyDoesNotGiveFailsTheRunNamingTheValue() throws Exception {
		String key = "test-run-wrong-template";
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_SendCartDiscount")
			.name("Send cart discount")
			.camundaAsyncBefore()
			.camundaDelegateExpression("${sendEmail}")
			.camundaInputParameter("template", "cart-discount")
			.endEvent()
			.name("Done")
			.done();
		String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
		try {
			JsonNode failed = run(key, NO_EVENTS);

			assertThat(failed.path("status").asText()).isEqualTo("failed");
			assertThat(failed.toString()).contains("Message template 'cart-discount' shows {{", "nothing was sent");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/** The job of a wait fails in the step after it: the failure names that step. */
	@Test
	void aFailureIsShownAtTheStepThatFailed() throws Exception {
		String key = NEEDS_VARIABLE + "-later";
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_First")
			.name("First wait")
			.timerWithDuration("PT5M")
			.intermediateCatchEvent("Event_Second")
			.name("Second wait")
			.timerWithDuration("${notGiven}")
			.endEvent()
			.name("Done")
			.done();
		String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
		try {
			JsonNode failed = run(key, NO_EVENTS);

			assertThat(failed.path("status").asText()).isEqualTo("failed");
			JsonNode failure = failed.path("timeline").get(failed.path("timeline").size() - 1);
			assertThat(failure.path("kind").asText()).isEqualTo("failure");
			assertThat(failure.path("activityId").asText()).isEqualTo("Event_Second");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	@Test
	void rejectsAScriptedEventWithBadProperties() throws Exception {
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "events": [ { "after": "P1D", "type": "order.completed", "properties": { "value": 10 } } ] }"""))
			.andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("events[0].properties.orderId")));
	}

	@Test
	void refusesNegativeMomentsAndTwoWaysOfGivingTheContact() throws Exception {
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "copyOf": "c-1", "contact": { "email": "lea@example.com", "consents": { "email": true } },
					  "events": [ { "after": "-P1D", "type": "contact.signed_up" } ] }"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("events[0].after")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("copyOf")));
	}

	@Test
	void aMissingScriptedEventIsRefusedByName() throws Exception {
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"events\": [ { \"after\": \"P0D\", \"type\": \"contact.signed_up\" }, null ] }"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("events[1]"));
	}

	@Test
	void refusesAMomentBeyondWhatATestRunPlays() throws Exception {
		for (String after : List.of("\"PT9999999999999H\"", "\"P3651D\"", "1e309")) {
			mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{ "events": [ { "after": %s, "type": "contact.signed_up" } ] }""".formatted(after)))
				.andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("events[0].after"));
		}
	}

	/**
	 * Start variables the engine would refuse with an internal error, or a journey's step
	 * with a Java cast error: a 400 naming the variable, nothing run.
	 */
	@Test
	void refusesStartVariablesAJourneyCannotHoldNamingThem() throws Exception {
		long runsBefore = jdbc.sql("select count(*) from test_run").query(Long.class).single();
		long testContactsBefore = testContactCount();
		String tooLong = "a".repeat(4001);
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "variables": { "note": "%s", "tags": ["a"], "huge": 123456789012345678901234567890,
					                 "nothing": null } }""".formatted(tooLong)))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field").value(org.hamcrest.Matchers.containsInAnyOrder("variables.note",
					"variables.tags", "variables.huge", "variables.nothing")));
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{ \"variables\": {" + String.join(", ",
					java.util.stream.IntStream.rangeClosed(0, 50).mapToObj(i -> "\"v" + i + "\": " + i).toList())
					+ "} }"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("variables"));
		assertThat(jdbc.sql("select count(*) from test_run").query(Long.class).single()).isEqualTo(runsBefore);

		mvc.perform(post("/api/journeys/b2b-nurturing/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "variables": { "companySize": "huge", "hotThreshold": 80.5 } }"""))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[*].field")
				.value(org.hamcrest.Matchers.containsInAnyOrder("variables.companySize", "variables.hotThreshold")))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("a whole number")));
		assertThat(testContactCount()).isEqualTo(testContactsBefore);
		assertThat(jdbc.sql("select count(*) from test_run").query(Long.class).single())
			.as("a refused request is no failed run")
			.isEqualTo(runsBefore);

		JsonNode given = run("b2b-nurturing", """
				{ "variables": { "companySize": 5000, "hotThreshold": 40 } }""");
		assertThat(given.path("outcome").asText()).contains("Qualify hot lead");
	}

	/**
	 * The run's variables come on top of the start its scripted event makes, as of a
	 * direct start: here a lower hot threshold makes the scripted lead hot at once.
	 */
	@Test
	void variablesApplyToTheStartAScriptedEventMakes() throws Exception {
		String leadCreated = """
				"events": [ { "after": "PT0S", "type": "lead.created", "properties": {
				  "company": "Acme", "jobTitle": "Marketing Manager", "companySize": 50, "industry": "Software",
				  "country": "FR", "source": "web" } } ]""";
		long runsBefore = jdbc.sql("select count(*) from test_run").query(Long.class).single();
		mvc.perform(post("/api/journeys/b2b-nurturing/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{" + leadCreated + ", \"variables\": { \"hotThreshold\": \"low\" } }"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("variables.hotThreshold"));
		assertThat(jdbc.sql("select count(*) from test_run").query(Long.class).single()).isEqualTo(runsBefore);

		JsonNode notHot = run("b2b-nurturing", "{" + leadCreated + "}");
		JsonNode hot = run("b2b-nurturing", "{" + leadCreated + ", \"variables\": { \"hotThreshold\": 10 } }");

		assertThat(notHot.path("outcome").asText()).doesNotContain("Qualify hot lead");
		assertThat(hot.path("outcome").asText()).contains("Qualify hot lead");
	}

	private long testContactCount() {
		return jdbc.sql("select count(*) from contact where id like ?")
			.param(TestRunContacts.LIKE)
			.query(Long.class)
			.single();
	}

	/** A bare number for a moment would be read as seconds: "3" meant as three days. */
	@Test
	void refusesAMomentGivenAsABareNumber() throws Exception {
		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "events": [ { "after": 3, "type": "contact.signed_up" } ] }"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("events[0].after"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("\"P3D\"")));
	}

	@Test
	void refusesTheDailySweepWhichWorksOnRealCustomers() throws Exception {
		long sweepsBefore = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("reactivation-sweep")
			.count();

		mvc.perform(post("/api/journeys/reactivation-sweep/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}"))
			.andExpect(status().isUnprocessableEntity())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("real customers")));
		assertThat(history.createHistoricProcessInstanceQuery().processDefinitionKey("reactivation-sweep").count())
			.isEqualTo(sweepsBefore);
	}

	@Test
	void answers404ForAnUnknownJourney() throws Exception {
		mvc.perform(post("/api/journeys/nope/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isNotFound());
		mvc.perform(get("/api/journeys/welcome/test-runs/nope").with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound())
			.andExpect(jsonPath("$.title").value("Unknown test run"));
	}

	private JsonNode run(String journey, String request) throws Exception {
		return TestRunCalls.run(mvc, json, journey, request);
	}

	private String stats() throws Exception {
		JsonNode stats = json.readTree(mvc.perform(get("/api/journeys/welcome/stats").with(httpBasic("mia", "mia")))
			.andReturn()
			.getResponse()
			.getContentAsString());
		((com.fasterxml.jackson.databind.node.ObjectNode) stats).remove("generatedAt");
		return stats.toString();
	}

}
