package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.Messages;
import io.parcours.channel.SkipReason;
import io.parcours.contact.Orders;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.JobQuery;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A few hundred carts and orders through {@code POST /api/events}, every journey run to
 * its end: the figures of {@code GET /api/experiments/cart-reminder} must equal a recount
 * from the messages sent and the orders placed. Other tests share the database, so the
 * endpoint's figures are compared as the change this run made.
 */
@ParcoursTest
class CartReminderExperimentIntegrationTests {

	static final int CARTS = 200;

	static final Map<String, Double> ORDER_CHANCE = Map.of("A", 0.25, "B", 0.40, "control", 0.12);

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	RuntimeService runtime;

	@Autowired
	HistoryService history;

	@Autowired
	ManagementService management;

	@Autowired
	Messages messages;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Orders orderBook;

	@Autowired
	ExperimentProperties experimentProperties;

	@Autowired
	Assignments assignments;

	@Autowired
	Traffic traffic;

	final Random random = new Random(42);

	final ExecutorService pool = Executors.newFixedThreadPool(4);

	final Instant start = Instant.now();

	/** Orders placed, by contact: (value, time after the cart was abandoned). */
	final Map<String, List<Order>> orders = new HashMap<>();

	@Test
	void theExperimentsFiguresEqualARecountFromMessagesAndOrders() throws Exception {
		Map<String, Figures> before = endpointFigures();
		List<String> contacts = new ArrayList<>();
		List<Future<?>> posted = new ArrayList<>();
		for (int i = 0; i < CARTS; i++) {
			String contact = "e2e-cart-" + i;
			int index = i;
			contacts.add(contact);
			posted.add(pool.submit(() -> abandon(contact, index)));
		}
		for (Future<?> post : posted) {
			post.get();
		}
		Map<String, String> journeys = journeysOf(contacts);
		assertThat(journeys).hasSize(CARTS);
		contacts.stream().filter(contact -> index(contact) % 7 == 0).forEach(contact -> order(contact, "30m"));

		Set<String> ours = new HashSet<>(journeys.values());
		runJobs(ours, () -> jobs().activityId("Event_FirstReminderDue"), false);
		runJobs(ours, () -> jobs().messages(), true);
		Map<String, String> variants = variantsFromMessagesAndHistory(contacts, journeys);
		variants.forEach((contact, variant) -> {
			if (random.nextDouble() < ORDER_CHANCE.get(variant)) {
				order(contact, random.nextBoolean() ? "2h" : "5d");
			}
			else if (random.nextDouble() < 0.1) {
				order(contact, "8d");
			}
		});
		placeOrdersAt("2h");
		runJobs(ours, this::jobs, true);
		pool.shutdown();
		placeOrdersAt("5d");
		placeOrdersAt("8d");

		assertThat(runtime.createProcessInstanceQuery().processInstanceIds(new HashSet<>(journeys.values())).count())
			.as("every journey ended")
			.isZero();
		Map<String, Figures> after = endpointFigures();
		Map<String, Figures> recount = recount(variants);
		for (String variant : List.of("A", "B", "control")) {
			assertThat(after.get(variant).minus(before.get(variant))).as(variant).isEqualTo(recount.get(variant));
		}
		assertSplitFollowsTheWeights(recount);
		assertControlReceivedNothing(variants);
		assertRecoveredJourneysCarryTheirRevenue(variants, journeys);
		assertDiscountCodesAreUnique(variants, journeys);
		assertContactsWithoutEmailConsentAreCountedWithSkippedMessages(variants);
	}

	private void abandon(String contact, int i) {
		Map<String, Object> event = Map
			.of("id", "e2e-cart-event-" + i, "type", "cart.abandoned", "contactId", contact, "occurredAt",
					start.toString(), "contact",
					Map.of("email", contact + "@example.com", "phone", "+33612345678", "locale",
							i % 2 == 0 ? "fr" : "en", "consents", Map.of("email", i % 10 != 3, "sms", i % 3 == 0)),
					"properties",
					Map.of("cartId", "e2e-k-" + i, "value", new BigDecimal(20 + i % 50).setScale(2), "currency", "EUR",
							"cartUrl", "https://shop.example/cart/e2e-k-" + i, "items",
							List.of(Map.of("name", "Product " + i, "quantity", 1, "price", 20 + i % 50))));
		send(event);
	}

	private void order(String contact, String after) {
		BigDecimal value = new BigDecimal(15 + random.nextInt(150)).add(new BigDecimal("0.90"));
		orders.computeIfAbsent(contact, c -> new ArrayList<>()).add(new Order(value, after));
		if (after.equals("30m")) {
			placeOrder(contact, orders.get(contact).get(orders.get(contact).size() - 1));
		}
	}

	private void placeOrdersAt(String after) {
		orders.forEach((contact, placed) -> placed.stream()
			.filter(order -> order.after().equals(after))
			.forEach(order -> placeOrder(contact, order)));
	}

	/**
	 * Orders placed while the journeys wait go through the API (dated now: the API
	 * refuses moments ahead of its clock); the later ones, days after the journeys ended,
	 * go straight into the order table the experiment reads, at their simulated moment.
	 */
	private void placeOrder(String contact, Order order) {
		String id = "e2e-order-" + contact + "-" + order.after();
		if (order.delay().compareTo(Duration.ofDays(1)) > 0) {
			orderBook.recordIfNew(id, contact, order.value(), "EUR", start.plus(order.delay()), id);
			return;
		}
		send(Map.of("id", id, "type", "order.completed", "contactId", contact, "occurredAt", Instant.now().toString(),
				"properties", Map.of("orderId", id, "value", order.value(), "currency", "EUR")));
	}

	private void send(Map<String, Object> event) {
		try {
			mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(json.writeValueAsString(event))).andExpect(status().isAccepted());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	private Map<String, String> journeysOf(List<String> contacts) {
		Map<String, String> journeys = new HashMap<>();
		runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.ABANDONED_CART)
			.list()
			.stream()
			.filter(instance -> contacts.contains(instance.getBusinessKey()))
			.forEach(instance -> journeys.put(instance.getBusinessKey(), instance.getId()));
		return journeys;
	}

	/**
	 * Runs, round after round, the jobs the query finds in this test's journeys, four at
	 * a time: a journey has one job at a time, so the rounds run different journeys
	 * concurrently, like the job executor does (the splits, and the discount codes of B,
	 * happen side by side).
	 */
	private void runJobs(Set<String> journeys, Supplier<JobQuery> query, boolean untilNoneLeft) throws Exception {
		List<Job> due;
		do {
			due = query.get().list().stream().filter(job -> journeys.contains(job.getProcessInstanceId())).toList();
			List<Future<?>> runs = new ArrayList<>();
			for (Job job : due) {
				runs.add(pool.submit(() -> management.executeJob(job.getId())));
			}
			for (Future<?> run : runs) {
				run.get();
			}
		}
		while (untilNoneLeft && !due.isEmpty());
	}

	private JobQuery jobs() {
		return management.createJobQuery().processDefinitionKey(ProcessKeys.ABANDONED_CART);
	}

	/**
	 * The variant of each contact that reached the split, as the data shows it: the
	 * variant of their messages, or control for those who passed the split and got none.
	 */
	private Map<String, String> variantsFromMessagesAndHistory(List<String> contacts, Map<String, String> journeys) {
		Map<String, String> variants = new HashMap<>();
		for (String contact : contacts) {
			boolean split = history.createHistoricActivityInstanceQuery()
				.processInstanceId(journeys.get(contact))
				.activityId("Task_AssignVariant")
				.count() > 0;
			Set<String> messaged = messages.ofContact(contact)
				.stream()
				.map(MessageRecord::variant)
				.collect(Collectors.toSet());
			assertThat(messaged).hasSizeLessThanOrEqualTo(1);
			if (split) {
				variants.put(contact, messaged.isEmpty() ? "control" : messaged.iterator().next());
			}
			else {
				assertThat(messaged).as("no message before the split").isEmpty();
			}
		}
		return variants;
	}

	private Map<String, Figures> recount(Map<String, String> variants) {
		Map<String, Figures> recount = new HashMap<>();
		List.of("A", "B", "control").forEach(variant -> recount.put(variant, new Figures(0, 0, BigDecimal.ZERO)));
		variants.forEach((contact, variant) -> {
			BigDecimal revenue = orders.getOrDefault(contact, List.of())
				.stream()
				.filter(order -> order.delay().compareTo(Duration.ofDays(7)) <= 0)
				.map(Order::value)
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			boolean converted = orders.getOrDefault(contact, List.of())
				.stream()
				.anyMatch(order -> order.delay().compareTo(Duration.ofDays(7)) <= 0);
			recount.merge(variant, new Figures(1, converted ? 1 : 0, revenue), Figures::plus);
		});
		return recount;
	}

	/**
	 * The experiment's figures as the API gives them 8 days after the carts, once every
	 * contact's 7-day window is over and all of them are measured.
	 */
	private Map<String, Figures> endpointFigures() throws Exception {
		ExperimentResults later = new ExperimentResults(experimentProperties, assignments, traffic,
				Clock.offset(Clock.systemUTC(), Duration.ofDays(8)));
		JsonNode report = json.valueToTree(later.report("cart-reminder").orElseThrow());
		Map<String, Figures> figures = new HashMap<>();
		for (JsonNode variant : report.get("variants")) {
			long assigned = variant.get("assigned").asLong();
			assertThat(variant.get("measured").asLong()).isEqualTo(assigned);
			long converted = variant.get("converted").asLong();
			figures.put(variant.get("variant").asText(),
					new Figures(assigned, converted, variant.get("revenue").decimalValue()));
			if (assigned > 0) {
				assertThat(variant.get("conversionRate").asDouble()).isEqualTo((double) converted / assigned);
			}
		}
		return figures;
	}

	private void assertSplitFollowsTheWeights(Map<String, Figures> recount) {
		long total = recount.values().stream().mapToLong(Figures::assigned).sum();
		assertThat(total).isBetween((long) (CARTS * 0.8), (long) (CARTS * 6 / 7 + 1));
		double chiSquare = 0;
		for (var weight : Map.of("A", 45, "B", 45, "control", 10).entrySet()) {
			double expected = total * weight.getValue() / 100.0;
			double observed = recount.get(weight.getKey()).assigned();
			chiSquare += (observed - expected) * (observed - expected) / expected;
		}
		assertThat(chiSquare).as("chi-square of the split, 2 degrees of freedom (0.1 %% critical value 13.8)")
			.isLessThan(13.8);
	}

	private void assertControlReceivedNothing(Map<String, String> variants) {
		variants.forEach((contact, variant) -> {
			if (variant.equals("control")) {
				assertThat(messages.ofContact(contact)).as(contact).isEmpty();
			}
		});
		assertThat(variants).containsValue("control");
	}

	private void assertRecoveredJourneysCarryTheirRevenue(Map<String, String> variants, Map<String, String> journeys) {
		int recovered = 0;
		for (var journey : journeys.entrySet()) {
			boolean ended = history.createHistoricActivityInstanceQuery()
				.processInstanceId(journey.getValue())
				.activityId("EndEvent_Recovered")
				.count() > 0;
			List<Order> during = orders.getOrDefault(journey.getKey(), List.of())
				.stream()
				.filter(order -> order.after().equals("30m") || order.after().equals("2h"))
				.toList();
			assertThat(ended).as(journey.getKey()).isEqualTo(!during.isEmpty());
			if (ended) {
				recovered++;
				Map<String, Object> conversion = jdbc
					.sql("select revenue, variant from conversion where process_instance_id = ?")
					.param(journey.getValue())
					.query()
					.singleRow();
				assertThat((BigDecimal) conversion.get("REVENUE")).isEqualByComparingTo(during.get(0).value());
				assertThat(conversion.get("VARIANT")).isEqualTo(variants.get(journey.getKey()));
			}
		}
		assertThat(recovered).isGreaterThan(CARTS / 7);
	}

	private void assertDiscountCodesAreUnique(Map<String, String> variants, Map<String, String> journeys) {
		List<String> codes = new ArrayList<>();
		variants.forEach((contact, variant) -> {
			List<String> issued = jdbc.sql("select code from discount_code where process_instance_id = ?")
				.param(journeys.get(contact))
				.query(String.class)
				.list();
			assertThat(issued).hasSize(variant.equals("B") ? 1 : 0);
			codes.addAll(issued);
			messages.ofContact(contact)
				.stream()
				.filter(message -> message.status() == MessageStatus.SENT && variant.equals("B"))
				.forEach(message -> assertThat(message.body()).contains(issued.get(0)));
		});
		assertThat(codes).hasSizeGreaterThan(50).doesNotHaveDuplicates();
	}

	private void assertContactsWithoutEmailConsentAreCountedWithSkippedMessages(Map<String, String> variants) {
		List<String> withoutConsent = variants.keySet()
			.stream()
			.filter(contact -> index(contact) % 10 == 3 && !variants.get(contact).equals("control"))
			.toList();
		assertThat(withoutConsent).isNotEmpty();
		withoutConsent.forEach(contact -> assertThat(messages.ofContact(contact))
			.filteredOn(message -> message.channel() == io.parcours.contact.Channel.EMAIL)
			.isNotEmpty()
			.allSatisfy(message -> {
				assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED);
				assertThat(message.reason()).isEqualTo(SkipReason.NO_CONSENT);
			}));
	}

	private static int index(String contact) {
		return Integer.parseInt(contact.substring(contact.lastIndexOf('-') + 1));
	}

	record Order(BigDecimal value, String after) {

		Duration delay() {
			return switch (after) {
				case "30m" -> Duration.ofMinutes(30);
				case "2h" -> Duration.ofHours(2);
				case "5d" -> Duration.ofDays(5);
				default -> Duration.ofDays(8);
			};
		}

	}

	record Figures(long assigned, long converted, BigDecimal revenue) {

		Figures plus(Figures other) {
			return new Figures(assigned + other.assigned, converted + other.converted, revenue.add(other.revenue));
		}

		Figures minus(Figures other) {
			return new Figures(assigned - other.assigned, converted - other.converted,
					revenue.subtract(other.revenue).stripTrailingZeros());
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Figures figures && figures.assigned == assigned && figures.converted == converted
					&& figures.revenue.compareTo(revenue) == 0;
		}

		@Override
		public int hashCode() {
			return Long.hashCode(assigned * 31 + converted);
		}

	}

}
