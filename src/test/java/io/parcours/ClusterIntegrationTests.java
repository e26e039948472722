package io.parcours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.camunda.bpm.engine.impl.history.event.HistoricJobLogEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.PayloadApplicationEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two production nodes on one PostgreSQL database, started at the same moment on an empty
 * database, each with its job executor. Contacts sign up on either node and half of them
 * order at once through the other one (and again, a duplicate, through the first); timers
 * (two days, three days, a week, compressed to seconds) fire on whichever node acquires
 * them. In the end every event was handled once, every journey finished, and every
 * message reached the (fake) providers exactly once.
 */
class ClusterIntegrationTests {

	static final int CONTACTS = 24;

	/** Two days pass in 1.5 s, the welcome series' last week in about 5 s. */
	static final String TIME_COMPRESSION = "115200";

	static FakeProviders providers = new FakeProviders();

	static List<ConfigurableApplicationContext> nodes = new ArrayList<>();

	static JdbcClient jdbc;

	static Set<String> nodesThatFiredTimers = ConcurrentHashMap.newKeySet();

	static final ObjectMapper json = new ObjectMapper();

	@BeforeAll
	static void startTwoNodesAtOnceOnAnEmptyDatabase() throws Exception {
		String database = TestPostgres.newDatabase("cluster");
		jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
				TestPostgres.url(database), TestPostgres.USER, ""));
		ExecutorService starter = Executors.newFixedThreadPool(2);
		try {
			List<Future<ConfigurableApplicationContext>> started = starter
				.invokeAll(List.of(node("nodeA", database), node("nodeB", database)));
			for (Future<ConfigurableApplicationContext> node : started) {
				nodes.add(node.get());
			}
			for (ConfigurableApplicationContext node : nodes) {
				node.addApplicationListener(timersFiredBy("node " + nodes.indexOf(node)));
			}
		}
		finally {
			starter.shutdown();
		}
	}

	private static Callable<ConfigurableApplicationContext> node(String name, String database) {
		List<String> settings = new ArrayList<>(providers.settings());
		settings.addAll(List.of("--parcours.time-compression=" + TIME_COMPRESSION,
				"--parcours.time-compression-forced=true",
				// only for the test's pace: look for due timers often (production: 2 s up
				// to 10 s)
				"--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=500"));
		return () -> ProdLikeNode.start(name, TestPostgres.url(database), settings.toArray(String[]::new));
	}

	@AfterAll
	static void stop() {
		nodes.forEach(ConfigurableApplicationContext::close);
		providers.close();
	}

	@Test
	void bothNodesStartedOnTheEmptyDatabaseAndDeployedTheJourneysOnce() {
		assertThat(jdbc.sql("select count(*) from act_re_procdef where key_ = 'welcome'").query(Integer.class).single())
			.isOne();
		assertThat(jdbc.sql("select count(*) from act_id_user").query(Integer.class).single()).isOne();
		assertThat(jdbc.sql("select count(*) from flyway_schema_history where success = false")
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void everyEventHandledOnceEveryMessageSentOnceNoJourneyStuck() {
		List<TestHttp> http = nodes.stream()
			.map(node -> new TestHttp(ProdLikeNode.baseUrl(node), ProdLikeNode.ADMIN, ProdLikeNode.ADMIN_PASSWORD))
			.toList();
		List<String> contacts = new ArrayList<>();
		List<String> events = new ArrayList<>();
		for (int i = 0; i < CONTACTS; i++) {
			String contactId = TestContacts.newId("cluster");
			contacts.add(contactId);
			events.add("signup-" + contactId);
			TestHttp signedUpAt = http.get(i % 2);
			TestHttp other = http.get((i + 1) % 2);
			assertThat(signedUpAt.post("/api/events", signUp(contactId, i % 3 == 0)).statusCode()).isEqualTo(202);
			if (i % 2 == 0) {
				events.add("order-" + contactId);
				assertThat(other.post("/api/events", order(contactId)).statusCode()).isEqualTo(202);
				assertThat(signedUpAt.post("/api/events", order(contactId)).statusCode())
					.as("the same event on the other node is a duplicate")
					.isEqualTo(200);
			}
		}

		await().atMost(Duration.ofSeconds(45))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> Recount.of(jdbc, events, contacts, providers.requestsByMessageId()),
					recount -> recount.journeysEnded() == CONTACTS);

		Recount recount = Recount.of(jdbc, events, contacts, providers.requestsByMessageId());
		assertThat(recount.clean()).as(recount.report()).isTrue();
		assertThat(recount.journeys()).isEqualTo(CONTACTS);
		assertThat(recount.messagesUnknown()).isZero();
		assertThat(providers.requestsByMessageId()).hasSize(recount.messagesSent());
		assertThat(jdbc.sql("select count(*) from inbound_event where attempts <> 1").query(Integer.class).single())
			.as("events processed more than once")
			.isZero();
		assertThat(jdbc.sql("select count(*) from conversion").query(Integer.class).single()).isEqualTo(CONTACTS / 2);
		assertEveryUnconvertedContactGotTheWholeSeries(contacts);
		assertThat(nodesThatFiredTimers).as("timers fired on both nodes").hasSize(2);
	}

	/**
	 * Both job executors run while a node plays test runs: neither takes a test contact's
	 * jobs, which the run plays itself at their simulated moment.
	 */
	@Test
	void testRunsOnOneNodeAreLeftToThemByEveryJobExecutor() throws Exception {
		TestHttp http = new TestHttp(ProdLikeNode.baseUrl(nodes.get(0)), ProdLikeNode.ADMIN,
				ProdLikeNode.ADMIN_PASSWORD);
		for (int i = 0; i < 4; i++) {
			HttpResponse<String> created = http.post("/api/journeys/welcome/test-runs", """
					{ "events": [ { "after": "P0D", "type": "contact.signed_up" },
					              { "after": "P3D", "type": "order.completed",
					                "properties": { "orderId": "test-1", "value": 49.90, "currency": "EUR" } } ] }""");
			assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
			JsonNode report = json.readTree(created.body());
			assertThat(report.path("outcome").asText()).as(created.body()).isEqualTo("Journey ended at 'Converted'");
			List<String> moments = new ArrayList<>();
			List<String> statuses = new ArrayList<>();
			report.path("messages").forEach(message -> {
				moments.add(message.path("at").asText());
				statuses.add(message.path("status").asText());
			});
			assertThat(moments).as(created.body()).containsExactly("PT0S", "PT48H", "PT72H");
			assertThat(statuses).as(created.body()).containsOnly("sent");
		}
	}

	private void assertEveryUnconvertedContactGotTheWholeSeries(List<String> contacts) {
		for (int i = 1; i < CONTACTS; i += 2) {
			List<String> templates = jdbc
				.sql("select template from message where contact_id = ? and status = 'SENT' order by created_at")
				.param(contacts.get(i))
				.query(String.class)
				.list();
			assertThat(templates).containsExactly("welcome", "getting-started", "first-order-coupon");
		}
	}

	/**
	 * Notes the node whose job executor fired a journey's timer, from the engine's
	 * history events as published to Spring (the history in the database keeps no log of
	 * jobs run as planned: see LeanEngineHistory).
	 */
	private static ApplicationListener<ApplicationEvent> timersFiredBy(String node) {
		return event -> {
			if (event instanceof PayloadApplicationEvent<?> published
					&& published.getPayload() instanceof HistoricJobLogEvent log && log.isSuccessLog()
					&& "timer-intermediate-transition".equals(log.getJobDefinitionType())) {
				nodesThatFiredTimers.add(node);
			}
		};
	}

	private static String signUp(String contactId, boolean sms) {
		return """
				{"id": "signup-%s", "type": "contact.signed_up", "contactId": "%s",
				 "contact": {"email": "%s@example.com", "phone": "+33612345678", "locale": "fr-FR",
				             "consents": {"email": true, "sms": %s}}}""".formatted(contactId, contactId, contactId,
				sms);
	}

	private static String order(String contactId) {
		return """
				{"id": "order-%s", "type": "order.completed", "contactId": "%s",
				 "properties": {"orderId": "o-%s", "value": 30.00, "currency": "EUR"}}""".formatted(contactId,
				contactId, contactId);
	}

}
