package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.parcours.FakeProviders;
import io.parcours.ProdLikeNode;
import io.parcours.TestContacts;
import io.parcours.TestHttp;
import io.parcours.TestPostgres;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A production node stopped gracefully (SIGTERM: its context closes) while it sends a
 * burst of welcome emails through a slow provider: the sends under way finish and are
 * recorded as sent, none starts after the stop began, none is left in flight.
 */
class GracefulShutdownIntegrationTests {

	static final FakeProviders providers = new FakeProviders();

	@AfterAll
	static void stopProviders() {
		providers.close();
	}

	@Test
	void theSendsUnderWayFinishAndNoNewOneStarts() {
		String database = TestPostgres.newDatabase("graceful");
		List<String> settings = new ArrayList<>(providers.settings());
		settings.addAll(List.of("--camunda.bpm.job-execution.wait-time-in-millis=200",
				"--camunda.bpm.job-execution.max-wait=500"));
		ConfigurableApplicationContext node = ProdLikeNode.start("graceful", TestPostgres.url(database),
				settings.toArray(String[]::new));
		providers.emailsTake(Duration.ofMillis(1500));
		TestHttp http = new TestHttp(ProdLikeNode.baseUrl(node), ProdLikeNode.ADMIN, ProdLikeNode.ADMIN_PASSWORD);
		List<String> signUps = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			String contactId = TestContacts.newId("graceful");
			signUps.add("""
					{"id": "signup-%s", "type": "contact.signed_up", "contactId": "%s",
					 "contact": {"email": "%s@example.com", "timeZone": "UTC", "consents": {"email": true}}}"""
				.formatted(contactId, contactId, contactId));
		}
		assertThat(http.post("/api/events:batch", "[" + String.join(",", signUps) + "]").statusCode()).isEqualTo(200);
		await().atMost(Duration.ofSeconds(30)).until(() -> !providers.requestsByMessageId().isEmpty());

		node.close();

		Map<String, Long> received = providers.requestsByMessageId();
		JdbcClient jdbc = JdbcClient.create(new org.springframework.jdbc.datasource.DriverManagerDataSource(
				TestPostgres.url(database), TestPostgres.USER, ""));
		assertThat(count(jdbc, "status = 'SENDING'")).as("left in flight").isZero();
		assertThat(count(jdbc, "status = 'SENT'")).as("every email SendGrid took is recorded as sent")
			.isEqualTo(received.size());
		assertThat(received.size()).as("the stop came in the middle of the burst").isLessThan(40);
		assertThat(received.values()).containsOnly(1L);
	}

	private static long count(JdbcClient jdbc, String where) {
		return jdbc.sql("select count(*) from message where " + where).query(Long.class).single();
	}

}
