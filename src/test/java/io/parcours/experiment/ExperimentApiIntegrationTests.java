package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.nullValue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.config.Sql;
import io.parcours.contact.Orders;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

@ParcoursTest
class ExperimentApiIntegrationTests {

	static final Instant ENTERED = Instant.parse("2026-11-02T09:00:00Z");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MockMvc mvc;

	@Autowired
	Assignments assignments;

	@Autowired
	Traffic traffic;

	@Autowired
	Orders orders;

	@Test
	void refusesRequestsWithoutCredentialsAndFromSalesReps() throws Exception {
		mvc.perform(get("/api/experiments/cart-reminder")).andExpect(status().isUnauthorized());
		mvc.perform(get("/api/experiments/cart-reminder").with(httpBasic("sam", "sam")))
			.andExpect(status().isForbidden());
	}

	@Test
	void anUnknownExperimentIsAProblemNamingTheKey() throws Exception {
		mvc.perform(get("/api/experiments/no-such-test").with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown experiment"))
			.andExpect(jsonPath("$.field").value("key"));
	}

	@Test
	void theJourneysExperimentAnswersWithEveryFieldOfTheContract() throws Exception {
		mvc.perform(get("/api/experiments/cart-reminder").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.key").value("cart-reminder"))
			.andExpect(jsonPath("$.journey").value("abandoned-cart"))
			.andExpect(jsonPath("$.control").value("control"))
			.andExpect(jsonPath("$.variants[*].variant").value(org.hamcrest.Matchers.contains("A", "B", "control")))
			.andExpect(jsonPath("$.variants[*].weight").value(org.hamcrest.Matchers.contains(45, 45, 10)))
			.andExpect(jsonPath("$.variants[0]", org.hamcrest.Matchers.hasKey("measured")))
			.andExpect(jsonPath("$.variants[0]", org.hamcrest.Matchers.hasKey("inWindow")))
			.andExpect(jsonPath("$.variants[2].liftVsControl").value(nullValue()))
			.andExpect(jsonPath("$.variants[2].pValueVsControl").value(nullValue()))
			.andExpect(jsonPath("$.variants[0].liftVsA").value(nullValue()))
			.andExpect(jsonPath("$.verdict.significant").isBoolean())
			.andExpect(jsonPath("$.verdict.reason").isString())
			.andExpect(jsonPath("$.trafficMovedTo").value(nullValue()))
			.andExpect(jsonPath("$.verdict", org.hamcrest.Matchers.hasKey("winner")))
			.andExpect(jsonPath("$", org.hamcrest.Matchers.hasKey("trafficMovedTo")));
	}

	/**
	 * A 30/200 recovered, B 50/200, control 10/100; orders outside a contact's window do
	 * not count, a second order in it adds revenue but not a conversion.
	 */
	@Test
	void resultsCountOrdersWithinEachContactsWindow() throws Exception {
		seed("api-test", "A", 200, 30, "50.00");
		seed("api-test", "B", 200, 50, "45.00");
		seed("api-test", "control", 100, 10, "48.00");

		mvc.perform(get("/api/experiments/api-test").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.variants[0].variant").value("A"))
			.andExpect(jsonPath("$.variants[0].weight").value(40))
			.andExpect(jsonPath("$.variants[0].assigned").value(200))
			.andExpect(jsonPath("$.variants[0].converted").value(30))
			.andExpect(jsonPath("$.variants[0].conversionRate").value(0.15))
			// 30 × 50.00 + a second order of 20.00 for 5 of them
			.andExpect(jsonPath("$.variants[0].revenue").value(1600.00))
			.andExpect(jsonPath("$.variants[0].revenuePerContact").value(8.00))
			.andExpect(jsonPath("$.variants[0].liftVsControl").value(closeTo(0.5, 1e-9), Double.class))
			// Wilson 95 % for 30/200, by the formula in ProportionsTests: 0.1072 to
			// 0.2060
			.andExpect(jsonPath("$.variants[0].confidenceInterval.low").value(closeTo(0.1072, 1e-4), Double.class))
			.andExpect(jsonPath("$.variants[0].confidenceInterval.high").value(closeTo(0.2060, 1e-4), Double.class))
			.andExpect(jsonPath("$.variants[1].conversionRate").value(0.25))
			.andExpect(jsonPath("$.variants[1].revenue").value(2350.00))
			.andExpect(jsonPath("$.variants[1].liftVsA").value(closeTo(2.0 / 3, 1e-9), Double.class))
			.andExpect(jsonPath("$.variants[1].pValueVsA").value(closeTo(0.012419, 1e-6), Double.class))
			.andExpect(jsonPath("$.variants[1].pValueVsControl").value(closeTo(0.0022, 1e-4), Double.class))
			.andExpect(jsonPath("$.variants[2].converted").value(10))
			.andExpect(jsonPath("$.variants[2].revenue").value(580.00))
			.andExpect(jsonPath("$.verdict.winner").value("B"))
			.andExpect(jsonPath("$.verdict.significant").value(true))
			.andExpect(jsonPath("$.currency").value("EUR"))
			.andExpect(jsonPath("$.variants[0].revenueByCurrency.EUR").value(1600.00))
			.andExpect(jsonPath("$.trafficMovedTo").value(nullValue()));
	}

	/**
	 * The window opens when the contact's orders start counting for the journey (the
	 * assignment's entered time): an order before it is an earlier purchase, and an order
	 * that recovered the contact's previous cart does not count again.
	 */
	@Test
	void onlyOrdersFromEntryOnThatConvertedNoOtherJourneyCount() throws Exception {
		String run = TestContacts.newId("window");
		String recoveredBefore = run + "-again";
		for (String contact : List.of(run + "-after", run + "-before", recoveredBefore)) {
			assignments.insertIfAbsent(new Assignment("api-test-window", contact, "A", ENTERED, "abandoned-cart",
					"pi-" + contact, ENTERED, ENTERED.plus(Duration.ofDays(7))));
		}
		order(run + "-after", "o", "10.00", ENTERED.plus(Duration.ofSeconds(30)));
		order(run + "-before", "o", "10.00", ENTERED.minus(Duration.ofSeconds(30)));
		String previousOrder = order(recoveredBefore, "o", "10.00", ENTERED.plus(Duration.ofSeconds(5)));
		jdbc.sql(
				"""
						insert into conversion (process_instance_id, journey, contact_id, order_id, revenue, currency, converted_at)
						values (?, 'abandoned-cart', ?, ?, 10.00, 'EUR', ?)""")
			.params("pi-previous-" + recoveredBefore, recoveredBefore, previousOrder, Sql.at(ENTERED))
			.update();

		mvc.perform(get("/api/experiments/api-test-window").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.variants[0].variant").value("A"))
			.andExpect(jsonPath("$.variants[0].assigned").value(3))
			.andExpect(jsonPath("$.variants[0].converted").value(1))
			.andExpect(jsonPath("$.variants[0].revenue").value(10.00));
	}

	@Test
	void ordersInSeveralCurrenciesAreNotAddedTogether() throws Exception {
		seed("api-test-currencies", "A", 20, 3, "50.00");
		seed("api-test-currencies", "B", 20, 2, "45.00");
		String dollars = TestContacts.newId("usd");
		assignments
			.insertIfAbsent(new Assignment("api-test-currencies", dollars, "A", ENTERED.plus(Duration.ofHours(1)),
					"abandoned-cart", "pi-" + dollars, ENTERED, ENTERED.plus(Duration.ofDays(7))));
		orders.recordIfNew("o-usd-" + dollars, dollars, new BigDecimal("1000.00"), "USD",
				ENTERED.plus(Duration.ofDays(1)), "e-usd-" + dollars);

		mvc.perform(get("/api/experiments/api-test-currencies").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.currency").value(nullValue()))
			.andExpect(jsonPath("$.variants[0].converted").value(6))
			.andExpect(jsonPath("$.variants[0].revenue").value(nullValue()))
			.andExpect(jsonPath("$.variants[0].revenuePerContact").value(nullValue()))
			.andExpect(jsonPath("$.variants[0].revenueByCurrency.EUR").value(250.00))
			.andExpect(jsonPath("$.variants[0].revenueByCurrency.USD").value(1000.00))
			.andExpect(jsonPath("$.variants[1].revenueByCurrency.EUR").value(190.00));
	}

	@Test
	void aSignificantWinnerTakesTheNewTrafficWhenTheSettingAllowsIt() {
		String key = TestContacts.newId("exp");
		seedWhereBWins(key);
		ExperimentProperties properties = new ExperimentProperties(Map.of(key, new ExperimentSettings("abandoned-cart",
				Map.of("A", 45, "B", 45, "control", 10), "control", Duration.ofDays(7), 100, 0.05, true)));
		ExperimentResults results = new ExperimentResults(properties, assignments, traffic, Clock.systemUTC());

		new WinnerTraffic(properties, results, traffic, Clock.fixed(Instant.now(), ZoneOffset.UTC)).review();

		assertThat(traffic.movedTo(key)).contains("B");
		assertThat(results.report(key).orElseThrow().trafficMovedTo()).isEqualTo("B");
		// the shares new contacts get now: the control group keeps its own
		assertThat(results.report(key).orElseThrow().variants())
			.extracting(ExperimentReport.VariantResult::variant, ExperimentReport.VariantResult::weight)
			.containsExactly(tuple("A", 0), tuple("B", 90), tuple("control", 10));
	}

	/**
	 * New traffic moved to B: B's fresh contacts, still in their 7 days, are not counted
	 * as not converting yet, so B's rate and the verdict stay what the measured contacts
	 * say (counted, they made A look the winner within seconds).
	 */
	@Test
	void contactsStillInTheirWindowAreNotCountedInTheRatesNorTheVerdict() {
		String key = TestContacts.newId("exp");
		seedWhereBWins(key);
		Instant now = Instant.now();
		for (int i = 0; i < 300; i++) {
			String contact = TestContacts.newId("fresh");
			assignments.insertIfAbsent(new Assignment(key, contact, "B", now, "abandoned-cart", "pi-" + contact,
					now.minusSeconds(3600), now.plus(Duration.ofDays(7))));
		}
		ExperimentProperties properties = new ExperimentProperties(Map.of(key, new ExperimentSettings("abandoned-cart",
				Map.of("A", 0, "B", 90, "control", 10), "control", Duration.ofDays(7), 100, 0.05, false)));

		ExperimentReport report = new ExperimentResults(properties, assignments, traffic, Clock.systemUTC()).report(key)
			.orElseThrow();

		assertThat(report.verdict().winner()).isEqualTo("B");
		assertThat(report.variants()).filteredOn(variant -> variant.variant().equals("B"))
			.singleElement()
			.satisfies(b -> assertThat(b.assigned()).isEqualTo(500))
			.satisfies(b -> assertThat(b.measured()).isEqualTo(200))
			.satisfies(b -> assertThat(b.inWindow()).isEqualTo(300))
			.satisfies(b -> assertThat(b.converted()).isEqualTo(50))
			.satisfies(b -> assertThat(b.conversionRate()).isEqualTo(0.25));
	}

	/**
	 * A weight of 0 stops a variant, the winner too: ops pause it, the weights set apply.
	 */
	@Test
	void aWinnerPausedByAWeightOfZeroTakesNoNewTraffic() {
		String key = TestContacts.newId("exp");
		seedWhereBWins(key);
		traffic.move(key, "B", "significant", Instant.now());
		ExperimentProperties properties = new ExperimentProperties(Map.of(key, new ExperimentSettings("abandoned-cart",
				Map.of("A", 45, "B", 0, "control", 10), "control", Duration.ofDays(7), 100, 0.05, true)));
		ExperimentResults results = new ExperimentResults(properties, assignments, traffic, Clock.systemUTC());

		ExperimentReport report = results.report(key).orElseThrow();
		assertThat(report.trafficMovedTo()).isNull();
		assertThat(report.variants())
			.extracting(ExperimentReport.VariantResult::variant, ExperimentReport.VariantResult::weight)
			.containsExactly(tuple("A", 45), tuple("B", 0), tuple("control", 10));
		assertThat(properties.find(key).orElseThrow().weightsIn(traffic.movedTo(key))).containsEntry("B", 0)
			.containsEntry("A", 45);
	}

	/** A 30/200 recovered, B 50/200, control 10/100, all measured. */
	private void seedWhereBWins(String key) {
		seed(key, "A", 200, 30, "50.00");
		seed(key, "B", 200, 50, "45.00");
		seed(key, "control", 100, 10, "48.00");
	}

	/**
	 * {@code assigned} contacts in the variant, the first {@code converted} with an order
	 * in their window; 5 converted ones order twice (20.00 more), 10 others order only
	 * after their window, and 10 only before they entered.
	 */
	private void seed(String experiment, String variant, int assigned, int converted, String amount) {
		String run = TestContacts.newId(experiment + "-" + variant);
		for (int i = 0; i < assigned; i++) {
			String contact = run + "-" + i;
			assignments.insertIfAbsent(new Assignment(experiment, contact, variant, ENTERED.plus(Duration.ofHours(1)),
					"abandoned-cart", "pi-" + contact, ENTERED, ENTERED.plus(Duration.ofDays(7))));
			if (i < converted) {
				order(contact, "o1", amount, ENTERED.plus(Duration.ofDays(2)));
			}
			if (i < 5) {
				order(contact, "o2", "20.00", ENTERED.plus(Duration.ofDays(6)));
			}
			if (i >= converted && i < converted + 10) {
				order(contact, "late", "99.00", ENTERED.plus(Duration.ofDays(8)));
			}
			if (i >= converted + 10 && i < converted + 20) {
				order(contact, "early", "99.00", ENTERED.minus(Duration.ofHours(2)));
			}
		}
	}

	private String order(String contact, String order, String amount, Instant at) {
		orders.recordIfNew(order + "-" + contact, contact, new BigDecimal(amount), "EUR", at, "e-" + order + contact);
		return order + "-" + contact;
	}

}
