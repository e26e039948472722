package io.parcours.event;

import static io.parcours.event.EventApiIntegrationTests.signUp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Input an importer gets wrong without noticing: numbers for names, two documents in one
 * body, empty addresses, moments in the future, very large carts. Each is refused by
 * name, or stored whole; none changes what the event means.
 */
@ParcoursTest
class EventInputEdgesIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ContactService contacts;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aNumberIsNoEventTypeNorChannelNorActivity() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);

		send("""
				{"id": "%s", "type": 5, "contactId": "%s", "properties": {"channel": "email"}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("type"));
		send("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "properties": {"channel": 2}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.channel"));

		assertThat(contacts.find(contactId).orElseThrow().consents().get(Channel.EMAIL).granted()).isTrue();
	}

	@Test
	void aSecondDocumentAfterTheFirstIsRefusedNotDropped() throws Exception {
		String first = TestContacts.newId("c");
		String second = TestContacts.newId("c");

		send(signUp(TestContacts.newId("e"), first) + "\n" + signUp(TestContacts.newId("e"), second))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message").value(Matchers.startsWith("has more than one JSON value")));
		mvc.perform(
				post("/api/events:batch").with(httpBasic("mia", "mia"))
					.contentType(MediaType.APPLICATION_JSON)
					.content("[" + signUp(TestContacts.newId("e"), first) + "] ["
							+ signUp(TestContacts.newId("e"), second) + "]"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));

		assertThat(contacts.find(first)).isEmpty();
		assertThat(contacts.find(second)).isEmpty();
	}

	/** Which of two values was meant cannot be told: the answer names the field. */
	@Test
	void aFieldGivenTwiceIsRefusedNamingIt() throws Exception {
		send("""
				{"id": "t3", "id": "t3b", "type": "contact.signed_up", "contactId": "c"}""")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.startsWith("body has the field 'id' twice (line 1")));
	}

	@Test
	void anEmptyEmailOrNameIsRefusedInEventsAndInPut() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);

		send("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"email": "", "firstName": " "}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.errors[*].field", Matchers.containsInAnyOrder("contact.email", "contact.firstName")));
		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"));

		assertThat(contacts.find(contactId).orElseThrow().email()).isEqualTo(contactId + "@example.com");
	}

	/**
	 * A misspelt field would otherwise be answered 200 with the change it carries left
	 * out: {@code "consent"} for {@code "consents"} records no consent.
	 */
	@Test
	void aFieldParcoursDoesNotKnowIsRefusedByNameWhileEventPropertiesMayCarryMore() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);

		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"emial\": \"new@example.com\"}"))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("emial"))
			.andExpect(jsonPath("$.errors[0].message", Matchers.containsString("consents, email, firstName")));
		send("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"consent": {"sms": true}}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contact.consent"));
		send("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "occured_at": "2026-01-01T00:00:00Z"}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("occured_at"));
		mvc.perform(post("/api/events:batch").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					[{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contakt": {}}]"""
				.formatted(TestContacts.newId("e"), contactId)))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].status").value(400))
			.andExpect(jsonPath("$.results[0].problem.errors[0].field").value("contakt"));
		assertThat(contacts.find(contactId).orElseThrow().email()).isEqualTo(contactId + "@example.com");

		send("""
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "%s", "value": 12.5, "currency": "EUR", "channel": "web", "coupon": null}}"""
			.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("o"))).andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isOne();
	}

	/** An empty discount code is no code: leave it out, or send the one used. */
	@Test
	void anEmptyDiscountCodeIsRefusedByName() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		for (String code : List.of("\"\"", "\"  \"")) {
			send("""
					{"id": "%s", "type": "order.completed", "contactId": "%s",
					 "properties": {"orderId": "%s", "value": 12.5, "currency": "EUR", "discountCode": %s}}"""
				.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("o"), code))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("properties.discountCode"));
		}
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isZero();
	}

	/**
	 * 100.5 yen is no amount: refused by name, as an amount with the yen's no decimals is
	 * taken.
	 */
	@Test
	void anAmountWithMoreDecimalsThanItsCurrencyHasIsRefusedByName() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);

		send("""
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "%s", "value": 100.5, "currency": "JPY"}}"""
			.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("o"))).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.value"))
			.andExpect(jsonPath("$.errors[0].message").value("has decimals, which JPY does not have"));
		send("""
				{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
				 "properties": {"cartId": "%s", "value": 1200, "currency": "JPY", "cartUrl": "https://shop.example/c",
				                "items": [{"name": "Mug", "quantity": 1, "price": 1200},
				                          {"name": "Tea", "quantity": 1, "price": 0.99}]}}"""
			.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("cart")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.items[1].price"));
		// beyond what a double holds: read as written, not rounded into a valid amount
		for (String value : List.of("19.9900000000000001", "100.0000000000000001", "1e-999999999")) {
			send("""
					{"id": "%s", "type": "order.completed", "contactId": "%s",
					 "properties": {"orderId": "%s", "value": %s, "currency": "EUR"}}"""
				.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("o"), value))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("properties.value"));
		}
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isZero();

		send("""
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "%s", "value": 100.00, "currency": "JPY"}}"""
			.formatted(TestContacts.newId("e"), contactId, TestContacts.newId("o"))).andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().ordersCount()).isOne();
	}

	@Test
	void aMomentInTheFutureIsRefusedAndCannotOutrankLaterConsentChanges() throws Exception {
		String contactId = TestContacts.newId("c");
		String inTheFuture = """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "occurredAt": %s,
				 "contact": {"email": "f@example.com", "consents": {"email": true}}}""";

		send(inTheFuture.formatted(TestContacts.newId("e"), contactId, "\"2099-01-01T00:00:00Z\""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
		// an epoch in milliseconds read as seconds: tens of thousands of years ahead
		send(inTheFuture.formatted(TestContacts.newId("e"), contactId, Instant.now().toEpochMilli()))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("occurredAt"));
		// so many seconds that Jackson would read them as 1970
		for (String huge : List.of("1e309", "1e300", "-1e300")) {
			send(inTheFuture.formatted(TestContacts.newId("e"), contactId, huge)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("occurredAt"))
				.andExpect(
						jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("invalid value")));
		}
		assertThat(contacts.find(contactId)).isEmpty();
		long secondsAgo = Instant.now().minusSeconds(60).getEpochSecond();
		send(inTheFuture.formatted(TestContacts.newId("e"), contactId, secondsAgo + ".5"))
			.andExpect(status().isAccepted());
		String clockAhead = "\"" + Instant.now().plus(2, ChronoUnit.MINUTES) + "\"";
		send(inTheFuture.formatted(TestContacts.newId("e"), contactId, clockAhead)).andExpect(status().isAccepted());
	}

	/**
	 * A withdrawal the client's clock dated a few minutes ahead happened now: consent
	 * given anew a minute later stands.
	 */
	@Test
	void aWithdrawalDatedAheadOfOurClockDoesNotOutrankConsentGivenAnewAfterIt() throws Exception {
		String contactId = TestContacts.newId("c");
		send(signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		send("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "occurredAt": "%s",
				 "properties": {"channel": "email"}}""".formatted(TestContacts.newId("e"), contactId,
				Instant.now().plus(4, ChronoUnit.MINUTES)))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();

		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"back@example.com\", \"consents\": {\"email\": true}}")).andExpect(status().isOk());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL)).isTrue();
	}

	@Test
	void aMissingBodyOrNestingBeyondWhatTheServerReadsIsNamedWithoutTheReadersInternals() throws Exception {
		for (String nothing : List.of("", "null")) {
			send(nothing).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("body"))
				.andExpect(jsonPath("$.errors[0].message").value("is missing or empty"));
		}
		String deep = "{\"id\": \"x\", \"properties\": " + "{\"a\": ".repeat(1200) + "1" + "}".repeat(1200) + "}";
		send(deep).andExpect(status().isPayloadTooLarge())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("nesting depth")))
			.andExpect(jsonPath("$.detail")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("StreamReadConstraints"))));
	}

	/** Stored, then failing at every retry, an event no fix could ever reach again. */
	@Test
	void aMomentBeyondWhatDatesHoldIsRefused() throws Exception {
		String contactId = TestContacts.newId("c");
		for (String when : List.of("-999999999-01-01T00:00:00Z", "0012-01-01T00:00:00Z", "1899-12-31T23:59:59Z")) {
			send("""
					{"id": "%s", "type": "lead.activity", "contactId": "%s", "occurredAt": "%s",
					 "contact": {"consents": {"email": true}}, "properties": {"activity": "pricing_viewed"}}"""
				.formatted(TestContacts.newId("e"), contactId, when)).andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("occurredAt"))
				.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("before 1900")));
		}
		assertThat(contacts.find(contactId)).isEmpty();
	}

	@Test
	void aCartAtItsDocumentedLimitsIsStoredWholeAndALargerEventIsRefusedByName() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		String item = """
				{"sku": "%s", "name": "%s", "quantity": 1, "price": 1}""".formatted("\\\\".repeat(100),
				"\\\"".repeat(200));
		String items = IntStream.range(0, 100).mapToObj(i -> item).collect(Collectors.joining(","));
		String cartId = TestContacts.newId("cart");
		String cart = """
				{"id": "%s", "type": "cart.abandoned", "contactId": "%s",
				 "properties": {"cartId": "%s", "value": 100, "currency": "EUR", "items": [%s],
				                "cartUrl": "https://shop.example/%s"}}""".formatted(cartId, contactId, cartId, items,
				"c".repeat(1900));

		send(cart).andExpect(status().isAccepted());
		assertThat(jdbc.sql("select length(payload) from inbound_event where id = ?")
			.param(cartId)
			.query(Integer.class)
			.single()).isGreaterThan(65_536);

		String huge = """
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "%s", "value": 1, "currency": "EUR", "note": "%s"}}""".formatted(
				TestContacts.newId("e"), contactId, TestContacts.newId("o"), "x".repeat(EventIngestion.MAX_PAYLOAD));
		send(huge).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("properties"));
		String fine = TestContacts.newId("e");
		mvc.perform(post("/api/events:batch").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("[" + huge + ","
					+ EventApiIntegrationTests.order(fine, contactId, TestContacts.newId("o"), "5", "EUR") + "]"))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].status").value(413))
			.andExpect(jsonPath("$.results[1].id").value(fine))
			.andExpect(jsonPath("$.results[1].status").value(202));

		// beyond what the API reads at all
		String enormous = huge.replace("x".repeat(EventIngestion.MAX_PAYLOAD), "x".repeat(9_000_000));
		send(enormous).andExpect(status().isPayloadTooLarge())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Request too large"))
			.andExpect(jsonPath("$.field").value("body"));
	}

	/** Each order within its limit, their sum beyond it: the total must hold it. */
	@Test
	void ordersAtTheirLargestValueAddUpOnTheContactWithoutFailing() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		for (String orderId : List.of(TestContacts.newId("o"), TestContacts.newId("o"))) {
			send(EventApiIntegrationTests.order(TestContacts.newId("e"), contactId, orderId, "999999999999.99", "EUR"))
				.andExpect(status().isAccepted())
				.andExpect(jsonPath("$.processed").value(true));
		}

		assertThat(contacts.find(contactId).orElseThrow().revenue()).isEqualByComparingTo("1999999999999.98");
	}

	private ResultActions send(String json) throws Exception {
		return EventCalls.send(mvc, json);
	}

}
