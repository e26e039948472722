package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;

import io.parcours.EngineRegistry;
import io.parcours.ProdLikeNode;
import io.parcours.TcpProxy;
import io.parcours.TestContacts;
import io.parcours.TestHttp;
import io.parcours.TestPostgres;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A production node whose PostgreSQL becomes unreachable (a relay in between is cut): the
 * API answers 503 with Retry-After instead of accepting what it cannot store, and once
 * the database is back, the API and the job executor recover by themselves.
 */
class DatabaseOutageIntegrationTests {

	static TcpProxy proxy;

	static ConfigurableApplicationContext node;

	static TestHttp http;

	static JdbcClient jdbc;

	@BeforeAll
	static void startNodeBehindARelay() {
		String database = TestPostgres.newDatabase("outage");
		proxy = new TcpProxy("127.0.0.1", TestPostgres.port());
		node = ProdLikeNode.start("outage", TestPostgres.url(proxy.port(), database),
				"--camunda.bpm.job-execution.wait-time-in-millis=200", "--camunda.bpm.job-execution.max-wait=1000");
		http = new TestHttp(ProdLikeNode.baseUrl(node), ProdLikeNode.ADMIN, ProdLikeNode.ADMIN_PASSWORD);
		jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
				TestPostgres.url(database), TestPostgres.USER, ""));
	}

	@AfterAll
	static void stop() {
		node.close();
		proxy.close();
	}

	/**
	 * Production, where ops create users in Admin: the engine's password policy holds.
	 */
	@Test
	void inProductionAUserWithAWeakPasswordIsRefused() {
		// the node's engine is named after it
		EngineRegistry.useForHttp(node.getBean(ProcessEngine.class));
		HttpResponse<String> weak = http.post("/engine-rest/engine/outage/user/create",
				"{\"profile\": {\"id\": \"weakling\", \"firstName\": \"W\", \"lastName\": \"L\"},"
						+ " \"credentials\": {\"password\": \"aaaaaaaaaaaa\"}}");
		HttpResponse<String> strong = http.post("/engine-rest/engine/outage/user/create",
				"{\"profile\": {\"id\": \"strongling\", \"firstName\": \"Stella\", \"lastName\": \"Lund\"},"
						+ " \"credentials\": {\"password\": \"Quite-strong-2026!\"}}");

		assertThat(weak.statusCode()).as(weak.body()).isEqualTo(400);
		assertThat(weak.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(weak.body()).contains("\"field\":\"password\"", "does not meet the password policy");
		assertThat(strong.statusCode()).as(strong.body()).isEqualTo(204);
	}

	@Test
	void answers503WithRetryAfterDuringAnOutageThenRecoversByItself() {
		String before = TestContacts.newId("c");
		assertThat(http.post("/api/events", signUp("e-" + before, before)).statusCode()).isEqualTo(202);
		awaitWelcomeEmailSent(before);

		proxy.cut();
		String during = TestContacts.newId("c");
		HttpResponse<String> refused = http.post("/api/events", signUp("e-" + during, during));
		assertThat(refused.statusCode()).isEqualTo(503);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("10");
		assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
		assertThat(refused.body()).contains("\"title\":\"Database unavailable\"");
		assertThat(http.post("/api/events:batch", "[" + signUp("e-" + during, during) + "]").statusCode())
			.isEqualTo(503);
		assertThat(http.anonymous().get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(http.anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(503);
		assertThat(http.get("/actuator/health").statusCode()).as("credentials cannot be checked either").isEqualTo(503);
		proxy.restore();

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> http.post("/api/events", signUp("e-" + during, during)).statusCode(), status -> status == 202);
		awaitWelcomeEmailSent(during);
		assertThat(http.anonymous().get("/actuator/health/readiness").statusCode()).isEqualTo(200);
	}

	private static void awaitWelcomeEmailSent(String contactId) {
		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc
				.sql("select count(*) from message where contact_id = ? and template = 'welcome' and status = 'SENT'")
				.param(contactId)
				.query(Integer.class)
				.single(), count -> count == 1);
	}

	private static String signUp(String eventId, String contactId) {
		return """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
				 "contact": {"email": "%s@example.com", "consents": {"email": true}}}""".formatted(eventId, contactId,
				contactId);
	}

}
