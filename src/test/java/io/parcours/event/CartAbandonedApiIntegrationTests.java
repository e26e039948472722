package io.parcours.event;

import static org.hamcrest.Matchers.hasItem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.cart.Cart;
import io.parcours.cart.Carts;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactService;
import io.parcours.journey.Conversions;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ParcoursTest
class CartAbandonedApiIntegrationTests {

	static final String ITEMS = "[{\"sku\": \"L-1\", \"name\": \"Lamp\", \"quantity\": 2, \"price\": 24.50}]";

	@Autowired
	MockMvc mvc;

	@Autowired
	TestContacts contacts;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Carts carts;

	@Autowired
	ContactService contactService;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	Conversions conversions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void rejectsCartWithoutItems() throws Exception {
		postCart("\"value\": 49, \"currency\": \"EUR\", \"items\": []").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("properties.items"));
		postCart("\"value\": 49, \"currency\": \"EUR\"").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items"));
	}

	@Test
	void rejectsCartWithNegativeOrMissingValue() throws Exception {
		postCart("\"value\": -1, \"currency\": \"EUR\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
		postCart("\"currency\": \"EUR\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
		postCart("\"value\": \"lots\", \"currency\": \"EUR\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
	}

	@Test
	void rejectsCartWithUnknownCurrency() throws Exception {
		postCart("\"value\": 49, \"currency\": \"XYZ\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.currency"));
		postCart("\"value\": 49, \"currency\": \"eur\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.currency"));
		postCart("\"value\": 49, \"currency\": \"XXX\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.currency"));
	}

	@Test
	void rejectsFieldsOfTheWrongTypeInsteadOfConvertingThem() throws Exception {
		postCart("\"value\": \"10\", \"currency\": \"EUR\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"))
			.andExpect(
					jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("expected a number")));
		postCart("\"value\": 1.005, \"currency\": \"BHD\", \"items\": " + ITEMS).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].message")
				.value(org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("2 after it"))));
		postCart(
				"\"value\": 49, \"currency\": \"EUR\", \"items\": [{\"name\": \"Lamp\", \"quantity\": \"2\", \"price\": 49}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[0].quantity"));
		postCart("\"value\": 49, \"currency\": \"EUR\", \"items\": [null]").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[0]"));
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
					 "properties": {"cartId": 123, "cartUrl": "https://shop.example/cart/1", "value": 49,
					                "currency": "EUR", "items": %s}}""".formatted(TestContacts.newId("e"),
					contacts.withConsent(true, false).id(), ITEMS)))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.cartId"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("expected a text")));
	}

	/**
	 * Cart fields go into emails and SMS: a NUL, an escape or a line separator there is
	 * no product name, and a link with one breaks or hides where it leads.
	 */
	@Test
	void rejectsControlCharactersAndLinksThatAreNoWebUrl() throws Exception {
		for (String url : List.of("https://s.example/a\\u0000b", "https://s.example/a\\u2028FREE",
				"https://s.example/a\\u00a0b", "https:///", "javascript:alert(1)", "/cart/1",
				"https://s.example/a b")) {
			cartWithUrl(url).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("properties.cartUrl"));
		}
		for (String url : List.of("HTTPS://SHOP.EXAMPLE/C/1", "https://boutique.example/panier/été?x=1",
				"https://bücher.example/cart", "https://магазин.рф:8443/cart")) {
			cartWithUrl(url).andExpect(status().isAccepted());
		}
		postCart("\"value\": 49, \"currency\": \"EUR\", \"items\": [{\"name\": \"Lamp\\u0000\\u001b[31m\\r\\nBcc: x\","
				+ " \"quantity\": 1, \"price\": 49}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[0].name"));
		postCart(contacts.withConsent(true, false), "k\\u0000",
				"\"value\": 49, \"currency\": \"EUR\", \"items\": " + ITEMS)
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[*].field", hasItem("properties.cartId")));
	}

	private ResultActions cartWithUrl(String url) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
					 "properties": {"cartId": "%s", "cartUrl": "%s", "value": 49, "currency": "EUR", "items": %s}}"""
				.formatted(TestContacts.newId("e"), contacts.withConsent(true, false).id(), TestContacts.newId("k"),
						url, ITEMS)));
	}

	@Test
	void rejectsItemsWithoutNameOrQuantity() throws Exception {
		postCart("\"value\": 49, \"currency\": \"EUR\", \"items\": [{\"name\": \"Lamp\", \"price\": 49}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[0].quantity"));
		postCart("\"value\": 49, \"currency\": \"EUR\", \"items\": [{\"quantity\": 1, \"price\": 49}]")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[0].name"));
	}

	@Test
	void aValidCartIsStoredAndStartsTheJourneyWithoutItemsInItsVariables() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");

		mvc.perform(
				post("/api/events").with(httpBasic("mia", "mia"))
					.contentType(MediaType.APPLICATION_JSON)
					.content("""
							{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
							 "properties": {"cartId": "%s", "value": 49, "currency": "EUR", "items": %s,
							                "cartUrl": "https://shop.example/cart/%s"}}"""
						.formatted(TestContacts.newId("e"), contact.id(), cartId, ITEMS, cartId)))
			.andExpect(status().isAccepted());

		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.singleResult()
			.getId();
		assertThat(runtime.getVariables(journey)).containsOnlyKeys("contactId", "cartId", "cartValue", "cartCurrency",
				"firstReminderDelay", "enteredAt");
		assertThat(carts.find(cartId)).get().satisfies(cart -> {
			assertThat(cart.value()).isEqualByComparingTo("49.00");
			assertThat(cart.items()).singleElement().satisfies(item -> assertThat(item.name()).isEqualTo("Lamp"));
		});
	}

	/**
	 * A report delivered late (or retried) with an older moment does not take the journey
	 * back to an older cart, nor an older state of the same cart.
	 */
	@Test
	void anOlderReportArrivingLateLeavesTheJourneyOnTheLaterCart() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String later = TestContacts.newId("k");
		String earlier = TestContacts.newId("k");
		Instant now = Instant.now();
		postCartAt(contact, later, "70.00", now).andExpect(status().isAccepted());

		postCartAt(contact, earlier, "50.00", now.minus(Duration.ofMinutes(10))).andExpect(status().isAccepted());
		postCartAt(contact, later, "20.00", now.minus(Duration.ofMinutes(5))).andExpect(status().isAccepted());

		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.singleResult()
			.getId();
		assertThat(runtime.getVariable(journey, "cartId")).isEqualTo(later);
		assertThat((java.math.BigDecimal) runtime.getVariable(journey, "cartValue")).isEqualByComparingTo("70.00");
		assertThat(carts.find(later).orElseThrow().value()).isEqualByComparingTo("70.00");

		postCartAt(contact, earlier, "55.00", now.plus(Duration.ofMinutes(1))).andExpect(status().isAccepted());

		assertThat(runtime.getVariable(journey, "cartId")).isEqualTo(earlier);
		assertThat((java.math.BigDecimal) runtime.getVariable(journey, "cartValue")).isEqualByComparingTo("55.00");
	}

	/**
	 * The shop reported the cart after the order that followed it: the journey ends at
	 * once as recovered, with the order, and sends nothing, as if the order came second.
	 */
	@Test
	void aCartReportedAfterTheOrderThatFollowedItIsRecoveredAtOnce() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		String orderId = TestContacts.newId("o");
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(40));
		postOrderAt(contact, orderId, "64.50", abandoned.plus(Duration.ofMinutes(20))).andExpect(status().isAccepted());

		postCartAt(contact, cartId, "64.50", abandoned).andExpect(status().isAccepted());

		HistoricProcessInstance journey = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.singleResult();
		assertThat(journey.getEndTime()).isNotNull();
		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(journey.getId())
			.activityId("EndEvent_Recovered")
			.count()).isOne();
		assertThat(conversions.converted(journey.getId())).isTrue();
		assertThat(managementJobs(journey.getId())).isZero();
	}

	/**
	 * An order placed before the cart was abandoned is an earlier purchase, not its
	 * recovery.
	 */
	@Test
	void anOrderPlacedBeforeTheAbandonmentDoesNotEndTheJourney() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(5));
		postOrderAt(contact, TestContacts.newId("o"), "30.00", abandoned.minus(Duration.ofMinutes(2)))
			.andExpect(status().isAccepted());

		postCartAt(contact, TestContacts.newId("k"), "64.50", abandoned).andExpect(status().isAccepted());

		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.singleResult()
			.getId();
		assertThat(conversions.converted(journey)).isFalse();
	}

	/**
	 * The shop retried the report of a cart (a new event id, the same abandonment) after
	 * the order recovered it: the retry starts no second journey, and the order counts
	 * once.
	 */
	@Test
	void aCartReportedAgainAfterItsRecoveryStartsNoSecondJourney() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(40));
		postCartAt(contact, cartId, "80.00", abandoned).andExpect(status().isAccepted());
		postOrderAt(contact, TestContacts.newId("o"), "80.00", Instant.now()).andExpect(status().isAccepted());
		assertThat(conversionsOf(contact)).isOne();

		postCartAt(contact, cartId, "80.00", abandoned).andExpect(status().isAccepted());

		assertThat(cartJourneys(contact)).isOne();
		assertThat(conversionsOf(contact)).isOne();
	}

	/**
	 * A cart whose journey ended without an order, reported again: no second series of
	 * reminders (nor a second discount code) for the same abandonment.
	 */
	@Test
	void aCartReportedAgainAfterItsJourneyEndedStartsNothing() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(40));
		chasedWithoutOrder(contact, cartId, abandoned);

		postCartAt(contact, cartId, "80.00", abandoned).andExpect(status().isAccepted());

		assertThat(cartJourneys(contact)).isOne();
	}

	/**
	 * The same cart abandoned again later (the customer came back, then left): chased
	 * again.
	 */
	@Test
	void aCartAbandonedAgainLaterIsChasedAgain() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		chasedWithoutOrder(contact, cartId, Instant.now().minus(Duration.ofDays(5)));

		postCartAt(contact, cartId, "95.00", Instant.now().minus(Duration.ofMinutes(5)))
			.andExpect(status().isAccepted());

		assertThat(cartJourneys(contact)).isEqualTo(2);
		assertThat((java.math.BigDecimal) runtime.getVariable(runningCartJourney(contact), "cartValue"))
			.isEqualByComparingTo("95.00");
	}

	/**
	 * An older cart reported late, after the order that recovered the newer cart: that
	 * order recovered one cart; the older one is not chased and the order counts once, as
	 * when the reports arrive in order.
	 */
	@Test
	void anOlderCartReportedAfterTheOrderThatRecoveredANewerOneIsNotChased() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		Instant now = Instant.now();
		postCartAt(contact, TestContacts.newId("k"), "90.00", now.minus(Duration.ofMinutes(10)))
			.andExpect(status().isAccepted());
		postOrderAt(contact, TestContacts.newId("o"), "90.00", Instant.now()).andExpect(status().isAccepted());
		assertThat(conversionsOf(contact)).isOne();

		postCartAt(contact, TestContacts.newId("k"), "60.00", now.minus(Duration.ofMinutes(30)))
			.andExpect(status().isAccepted());

		assertThat(cartJourneys(contact)).isOne();
		assertThat(conversionsOf(contact)).isOne();
	}

	/**
	 * The cart reported late (its journey starts now), then the order placed after the
	 * abandonment but before the report: it recovers the cart, as it would have had the
	 * cart been reported on time.
	 */
	@Test
	void anOrderPlacedAfterTheAbandonmentButBeforeALateReportRecoversTheCart() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(30));
		postCartAt(contact, TestContacts.newId("k"), "40.00", abandoned).andExpect(status().isAccepted());

		postOrderAt(contact, TestContacts.newId("o"), "40.00", abandoned.plus(Duration.ofMinutes(20)))
			.andExpect(status().isAccepted());

		assertThat(conversionsOf(contact)).isOne();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contact.id()).count()).isZero();
	}

	/**
	 * A cart reported days late is chased from the report on: the experiment counts its
	 * orders as long as the journey would recover the cart, so the journey and the
	 * experiment's figures agree.
	 */
	@Test
	void aCartReportedDaysLateCountsForTheExperimentWhileItsJourneyChasesIt() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		Instant abandoned = Instant.now().minus(Duration.ofDays(10));
		postCartAt(contact, TestContacts.newId("k"), "40.00", abandoned).andExpect(status().isAccepted());
		String journey = runningCartJourney(contact);
		for (int step = 0; step < 5 && assignmentWindow(contact).isEmpty(); step++) {
			management.executeJob(management.createJobQuery()
				.processInstanceId(journey)
				.orderByJobDuedate()
				.asc()
				.listPage(0, 1)
				.get(0)
				.getId());
		}
		assertThat(assignmentWindow(contact)).hasValueSatisfying(
				until -> assertThat(until).isAfter(Instant.now().plus(Duration.ofDays(7)).minus(Duration.ofHours(2))));

		postOrderAt(contact, TestContacts.newId("o"), "40.00", Instant.now()).andExpect(status().isAccepted());

		assertThat(conversionsOf(contact)).isOne();
		assertThat(jdbc.sql("""
				select count(*) from experiment_assignment a join customer_order o on o.contact_id = a.contact_id
				where a.contact_id = ? and o.ordered_at >= a.entered_at and o.ordered_at <= a.converts_until""")
			.param(contact.id())
			.query(Long.class)
			.single()).as("the order counts for the contact's variant").isOne();
	}

	private java.util.Optional<Instant> assignmentWindow(Contact contact) {
		return jdbc.sql("select converts_until from experiment_assignment where contact_id = ?")
			.param(contact.id())
			.query(java.sql.Timestamp.class)
			.optional()
			.map(java.sql.Timestamp::toInstant);
	}

	/**
	 * The same cart abandoned again seconds after the order that recovered it: chased.
	 */
	@Test
	void aCartAbandonedAgainJustAfterItsRecoveringOrderIsChased() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		postCartAt(contact, cartId, "40.00", Instant.now().minus(Duration.ofMinutes(5)))
			.andExpect(status().isAccepted());
		Instant ordered = Instant.now();
		postOrderAt(contact, TestContacts.newId("o"), "40.00", ordered).andExpect(status().isAccepted());

		postCartAt(contact, cartId, "55.00", ordered.plus(Duration.ofSeconds(10))).andExpect(status().isAccepted());

		assertThat(cartJourneys(contact)).isEqualTo(2);
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contact.id()).count()).isOne();
	}

	/**
	 * Both moments on the shop's clock: an order 30 seconds before the abandonment is an
	 * earlier purchase, whichever arrives first.
	 */
	@Test
	void anOrderSecondsBeforeTheAbandonmentRecoversNothing() throws Exception {
		Contact orderFirst = contacts.withConsent(true, false);
		Contact cartFirst = contacts.withConsent(true, false);
		Instant abandoned = Instant.now().minus(Duration.ofMinutes(2));
		Instant ordered = abandoned.minus(Duration.ofSeconds(30));

		postOrderAt(orderFirst, TestContacts.newId("o"), "12.00", ordered).andExpect(status().isAccepted());
		postCartAt(orderFirst, TestContacts.newId("k"), "12.00", abandoned).andExpect(status().isAccepted());
		postCartAt(cartFirst, TestContacts.newId("k"), "13.00", abandoned).andExpect(status().isAccepted());
		postOrderAt(cartFirst, TestContacts.newId("o"), "13.00", ordered).andExpect(status().isAccepted());

		assertThat(conversionsOf(orderFirst)).isZero();
		assertThat(conversionsOf(cartFirst)).isZero();
		assertThat(runningCartJourney(orderFirst)).isNotNull();
		assertThat(runningCartJourney(cartFirst)).isNotNull();
	}

	private void chasedWithoutOrder(Contact contact, String cartId, Instant abandoned) throws Exception {
		postCartAt(contact, cartId, "80.00", abandoned).andExpect(status().isAccepted());
		runtime.deleteProcessInstance(runningCartJourney(contact), "the journey ended without an order");
	}

	private long cartJourneys(Contact contact) {
		return history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.count();
	}

	private String runningCartJourney(Contact contact) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.processInstanceBusinessKey(contact.id())
			.singleResult()
			.getId();
	}

	private long conversionsOf(Contact contact) {
		return jdbc.sql("select count(*) from conversion where contact_id = ?")
			.param(contact.id())
			.query(Long.class)
			.single();
	}

	private long managementJobs(String processInstanceId) {
		return management.createJobQuery().processInstanceId(processInstanceId).count();
	}

	private ResultActions postOrderAt(Contact contact, String orderId, String value, Instant at) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "order.completed", "contactId": "%s", "occurredAt": "%s",
					 "properties": {"orderId": "%s", "value": %s, "currency": "EUR"}}"""
				.formatted(TestContacts.newId("e"), contact.id(), at, orderId, value)));
	}

	/**
	 * A cart id names one contact's cart: another contact's report of it would remind one
	 * person of another's cart. Refused, naming the field; the cart stays its owner's.
	 */
	@Test
	void aCartIdOfAnotherContactIsAConflictNamingTheField() throws Exception {
		Contact owner = contacts.withConsent(true, false);
		Contact other = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		postCartAt(owner, cartId, "20.00", Instant.now().minusSeconds(5)).andExpect(status().isAccepted());

		postCartAt(other, cartId, "30.00", Instant.now()).andExpect(status().isConflict())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("properties.cartId"))
			.andExpect(jsonPath("$.detail").value(Matchers.not(Matchers.containsString(owner.id()))));

		assertThat(carts.find(cartId)).get().satisfies(cart -> {
			assertThat(cart.contactId()).isEqualTo(owner.id());
			assertThat(cart.value()).isEqualByComparingTo("20.00");
		});
		assertThat(cartJourneys(other)).isZero();
	}

	/** The check before storing cannot see a cart not yet committed: the store checks. */
	@Test
	void aCartStoredForAnotherContactMeanwhileIsNotTakenOver() {
		Contact owner = contacts.withConsent(true, false);
		Contact other = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		Instant abandoned = Instant.now().minusSeconds(60);
		assertThat(carts.save(new Cart(cartId, owner.id(), new BigDecimal("20.00"), "EUR", List.of(),
				"https://shop.example/a", abandoned)))
			.isEqualTo(Carts.Saved.NEW);

		assertThat(carts.save(new Cart(cartId, other.id(), new BigDecimal("30.00"), "EUR", List.of(),
				"https://shop.example/b", Instant.now())))
			.isEqualTo(Carts.Saved.OF_ANOTHER_CONTACT);
		assertThat(carts.find(cartId)).get().extracting(Cart::contactId).isEqualTo(owner.id());
	}

	@Test
	void erasingTheContactDeletesTheirCarts() throws Exception {
		Contact contact = contacts.withConsent(true, false);
		String cartId = TestContacts.newId("k");
		postCart(contact, cartId, "\"value\": 49, \"currency\": \"EUR\", \"items\": " + ITEMS)
			.andExpect(status().isAccepted());
		assertThat(carts.find(cartId)).isPresent();

		contactService.erase(contact.id());

		assertThat(carts.find(cartId)).isEmpty();
	}

	private ResultActions postCartAt(Contact contact, String cartId, String value, Instant at) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "cart.abandoned", "contactId": "%s", "occurredAt": "%s",
					 "properties": {"cartId": "%s", "value": %s, "currency": "EUR", "items": %s,
					                "cartUrl": "https://shop.example/cart/%s"}}""".formatted(TestContacts.newId("e"),
					contact.id(), at, cartId, value, ITEMS, cartId)));
	}

	private ResultActions postCart(String properties) throws Exception {
		return postCart(contacts.withConsent(true, false), TestContacts.newId("k"), properties);
	}

	private ResultActions postCart(Contact contact, String cartId, String properties) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
					 "properties": {"cartId": "%s", "cartUrl": "https://shop.example/cart/%s", %s}}"""
				.formatted(TestContacts.newId("e"), contact.id(), cartId, cartId, properties)));
	}

}
