package io.parcours.event;

import static io.parcours.event.EventApiIntegrationTests.order;
import static io.parcours.event.EventApiIntegrationTests.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Collections;
import java.util.List;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@ParcoursTest
class EventBatchApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	JdbcClient jdbc;

	@Test
	void answersEveryEventOfABatchInOrderWithItsOwnOutcome() throws Exception {
		String ana = TestContacts.newId("c");
		String signUp = TestContacts.newId("e");
		String order = TestContacts.newId("e");
		String unknown = TestContacts.newId("c");
		String batch = "[" + String
			.join(",", signUp(signUp, ana), signUp(signUp, ana),
					order(order, ana, TestContacts.newId("o"), "42.00", "EUR"), """
							{"id": "bad-type", "type": "contact.teleported", "contactId": "%s"}""".formatted(ana),
					"""
							{"id": "bad-cart", "type": "cart.abandoned", "contactId": "%s",
							 "properties": {"value": 10, "currency": "EUR", "items": [{"name": "Mug", "quantity": 1, "price": 10}],
							                "cartUrl": "https://shop.example/cart/1"}}"""
						.formatted(ana),
					"""
							{"id": "no-contact", "type": "order.completed", "contactId": "%s",
							 "properties": {"orderId": "o-x", "value": 1, "currency": "EUR"}}""".formatted(unknown), """
							{"type": "contact.signed_up", "contactId": "%s"}""".formatted(ana))
				+ "]";

		postBatch(batch).andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.duplicates").value(1))
			.andExpect(jsonPath("$.rejected").value(4))
			.andExpect(jsonPath("$.results[0].index").value(0))
			.andExpect(jsonPath("$.results[0].id").value(signUp))
			.andExpect(jsonPath("$.results[0].status").value(202))
			.andExpect(jsonPath("$.results[0].processed").value(true))
			.andExpect(jsonPath("$.results[1].status").value(200))
			.andExpect(jsonPath("$.results[1].duplicate").value(true))
			.andExpect(jsonPath("$.results[2].id").value(order))
			.andExpect(jsonPath("$.results[2].status").value(202))
			.andExpect(jsonPath("$.results[3].status").value(400))
			.andExpect(jsonPath("$.results[3].problem.errors[0].field").value("type"))
			.andExpect(jsonPath("$.results[4].id").value("bad-cart"))
			.andExpect(jsonPath("$.results[4].status").value(400))
			.andExpect(jsonPath("$.results[4].problem.errors[0].field").value("properties.cartId"))
			.andExpect(jsonPath("$.results[5].status").value(422))
			.andExpect(jsonPath("$.results[5].problem.field").value("contactId"))
			.andExpect(jsonPath("$.results[6].index").value(6))
			.andExpect(jsonPath("$.results[6].status").value(400))
			.andExpect(jsonPath("$.results[6].problem.errors[0].field").value("id"));

		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(ana)
			.count()).isOne();
		assertThat(
				jdbc.sql("select count(*) from inbound_event where id in (?, ?, 'bad-type', 'bad-cart', 'no-contact')")
					.params(signUp, order)
					.query(Integer.class)
					.single())
			.isEqualTo(2);
		assertThat(jdbc.sql("select orders_count from contact where id = ?").param(ana).query(Integer.class).single())
			.isOne();
	}

	/**
	 * Parsed, a body of hundreds of megabytes would fill the heap (and close the embedded
	 * database): refused unread, whatever its count of events.
	 */
	@Test
	void refusesABatchLargerThanTheApiReadsBeforeReadingIt() throws Exception {
		String contactId = TestContacts.newId("c");
		String event = """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"email": "big@example.com"},
				 "properties": {"note": "%s"}}""".formatted(TestContacts.newId("e"), contactId, "y".repeat(900_000));
		String batch = "[" + String.join(",", Collections.nCopies(19, event)) + "]";

		postBatch(batch).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Request too large"))
			.andExpect(jsonPath("$.field").value("body"));

		assertThat(jdbc.sql("select count(*) from contact where id = ?").param(contactId).query(Integer.class).single())
			.isZero();
	}

	@Test
	void refusesABatchOfMoreThanAThousandEventsAsAWhole() throws Exception {
		String contactId = TestContacts.newId("c");
		String event = signUp("too-many", contactId);
		String batch = "[" + String.join(",", Collections.nCopies(EventBatchController.MAX_EVENTS + 1, event)) + "]";

		postBatch(batch).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Batch too large"))
			.andExpect(jsonPath("$.field").value("body"));

		assertThat(jdbc.sql("select count(*) from contact where id = ?").param(contactId).query(Integer.class).single())
			.isZero();
	}

	@Test
	void refusesAnEmptyBatchOrABodyThatIsNoList() throws Exception {
		postBatch("[]").andExpect(status().isBadRequest()).andExpect(jsonPath("$.errors[0].field").value("body"));
		postBatch(signUp("not-a-list", "c")).andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("body must be a JSON array"));
		postBatch("[{\"id\": \"cut\", \"type\": ").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.startsWith("body is not valid JSON (line 1")));
		postBatch("[] []").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("more than one JSON value")));
		for (String nothing : List.of("", "null")) {
			postBatch(nothing).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.detail").value("body is missing or empty"));
		}
		mvc.perform(
				post("/api/events:batch").with(httpBasic("mia", "mia")).contentType(MediaType.TEXT_PLAIN).content("[]"))
			.andExpect(status().isUnsupportedMediaType());
	}

	/**
	 * One event nested deeper than a single event may be is refused as the single
	 * endpoint refuses it; the others of the batch are taken. Only a body nested beyond
	 * any event is refused whole.
	 */
	@Test
	void anEventNestedTooDeepIsRefusedAloneAndTheOthersAreTaken() throws Exception {
		String first = TestContacts.newId("c");
		String last = TestContacts.newId("c");
		String deep = """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"email": "deep@example.com"},
				 "properties": {"a": %s%s}}""".formatted(TestContacts.newId("e"), TestContacts.newId("c"),
				"[".repeat(1200), "]".repeat(1200));

		postBatch("[" + signUp(TestContacts.newId("e"), first) + "," + deep + ","
				+ signUp(TestContacts.newId("e"), last) + "]")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].status").value(202))
			.andExpect(jsonPath("$.results[1].status").value(413))
			.andExpect(jsonPath("$.results[1].problem.field").value("properties"))
			.andExpect(jsonPath("$.results[2].status").value(202));
		assertThat(jdbc.sql("select count(*) from contact where id in (?, ?)")
			.params(first, last)
			.query(Integer.class)
			.single()).isEqualTo(2);

		postBatch("[".repeat(30_000) + "]".repeat(30_000)).andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.title").value("Request too large"));
	}

	/**
	 * A field given twice in one event is that event's problem, named as the single
	 * endpoint names it; the events around it are taken.
	 */
	@Test
	void anEventWithAFieldGivenTwiceIsRefusedAloneAndTheOthersAreTaken() throws Exception {
		String first = TestContacts.newId("c");
		String last = TestContacts.newId("c");
		String twice = """
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "o-1", "value": 10, "value": 1000, "currency": "EUR"}}"""
			.formatted(TestContacts.newId("e"), first);
		String idTwice = """
				{"id": "%s", "id": "%s", "type": "contact.signed_up", "contactId": "%s"}"""
			.formatted(TestContacts.newId("e"), TestContacts.newId("e"), TestContacts.newId("c"));

		String itemNameTwice = """
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "o-2", "value": 10, "currency": "EUR",
				                "items": [{"sku": "m", "name": "Mug", "name": "Cup", "quantity": 1, "price": 10}]}}"""
			.formatted(TestContacts.newId("e"), first);

		postBatch("[" + signUp(TestContacts.newId("e"), first) + "," + twice + "," + idTwice + ","
				+ signUp(TestContacts.newId("e"), last) + "," + itemNameTwice + "]")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(3))
			.andExpect(jsonPath("$.results[4].problem.errors[0].field").value("properties.items[0].name"))
			.andExpect(jsonPath("$.results[0].status").value(202))
			.andExpect(jsonPath("$.results[1].status").value(400))
			.andExpect(jsonPath("$.results[1].problem.errors[0].field").value("properties.value"))
			.andExpect(jsonPath("$.results[1].problem.errors.length()").value(1))
			.andExpect(jsonPath("$.results[1].problem.errors[0].message")
				.value(org.hamcrest.Matchers.startsWith("is given twice in this event")))
			.andExpect(jsonPath("$.results[2].status").value(400))
			.andExpect(jsonPath("$.results[2].problem.errors[0].field").value("id"))
			.andExpect(jsonPath("$.results[3].status").value(202));
		assertThat(jdbc.sql("select count(*) from contact where id in (?, ?)")
			.params(first, last)
			.query(Integer.class)
			.single()).isEqualTo(2);
		assertThat(jdbc.sql("select count(*) from customer_order where contact_id = ?")
			.param(first)
			.query(Integer.class)
			.single()).isZero();
	}

	/** A null among the events is that item's problem; the events around it are taken. */
	@Test
	void aNullAmongTheEventsIsRefusedAloneAndTheOthersAreTaken() throws Exception {
		String first = TestContacts.newId("c");
		String last = TestContacts.newId("c");

		postBatch("[" + signUp(TestContacts.newId("e"), first) + ", null, 42, " + signUp(TestContacts.newId("e"), last)
				+ "]")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.accepted").value(2))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.results[1].status").value(400))
			.andExpect(jsonPath("$.results[1].problem.errors[0].field").value("body"))
			.andExpect(jsonPath("$.results[2].status").value(400))
			.andExpect(jsonPath("$.results[3].status").value(202));
		postBatch("[null]").andExpect(status().isOk()).andExpect(jsonPath("$.results[0].status").value(400));
	}

	@Test
	void refusesBatchesWithoutCredentials() throws Exception {
		mvc.perform(post("/api/events:batch").contentType(MediaType.APPLICATION_JSON).content("[]"))
			.andExpect(status().isUnauthorized());
	}

	private ResultActions postBatch(String json) throws Exception {
		return mvc.perform(post("/api/events:batch").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
