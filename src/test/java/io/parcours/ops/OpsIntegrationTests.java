package io.parcours.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import io.parcours.TestContacts;
import io.parcours.config.ParcoursMeters;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.Test;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/** What ops read: health with its components, and Prometheus metrics for ops only. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class OpsIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	Journeys journeys;

	@Autowired
	ManagementService management;

	@Autowired
	TestContacts contacts;

	@Autowired
	MessageMeters messageMeters;

	@Autowired
	ParcoursMeters meters;

	@Autowired
	MeterRegistry registry;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void healthShowsTheEngineTheDatabaseAndTheProvidersToLoggedInUsers() {
		ResponseEntity<String> health = get("/actuator/health", "demo", "demo");

		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("\"db\"", "\"processEngine\"", "\"providers\"", "\"provider\":\"log\"");
		assertThat(rest.getForEntity("/actuator/health", String.class).getBody()).doesNotContain("\"providers\"");
		assertThat(rest.getForEntity("/actuator/health/readiness", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void prometheusMetricsAreForOpsOnly() {
		var anonymous = rest.getForEntity("/actuator/prometheus", String.class);
		assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(anonymous.getHeaders().getFirst("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.getHeaders().getContentType()).hasToString("application/problem+json");
		var wrongPassword = get("/actuator/prometheus", "nobody-" + System.nanoTime(), "wrong");
		assertThat(wrongPassword.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(wrongPassword.getHeaders().getContentType()).hasToString("application/problem+json");
		var marketer = get("/actuator/prometheus", "mia", "mia");
		assertThat(marketer.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(marketer.getBody()).contains("The groups of user 'mia' do not allow GET /actuator/prometheus");
		assertThat(get("/actuator/prometheus", "demo", "demo").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void requestsAreMeasuredWithoutObservingEachSecurityFilter() {
		get("/api/me", "demo", "demo");

		String metrics = get("/actuator/prometheus", "demo", "demo").getBody();

		assertThat(metrics).contains("http_server_requests_seconds_count{").doesNotContain("spring_security_");
	}

	@Test
	void exposesJourneyMessageProviderWebhookAndJobMetrics() {
		String instance = journeys
			.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contacts.withConsent(true, false).id(), Map.of())
			.orElseThrow();
		management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());
		messageMeters.refresh();
		meters.webhookRejected("sendgrid", "signature");

		String metrics = get("/actuator/prometheus", "demo", "demo").getBody();

		assertThat(metrics).contains("parcours_journeys_started_total{journey=\"welcome\"}",
				"parcours_messages{channel=\"email\",provider=\"log\",status=\"sent\"}",
				"parcours_provider_calls_seconds_count{channel=\"email\",outcome=\"accepted\",provider=\"log\"}",
				"parcours_webhooks_rejected_total{provider=\"sendgrid\",reason=\"signature\"} ", "parcours_jobs_due ",
				"parcours_jobs_failed ", "parcours_incidents_open ");
	}

	/**
	 * A journey started in a transaction that rolls back (a concurrent update retried, a
	 * job retried) is no journey started: counted once its transaction commits.
	 */
	@Test
	void aJourneyStartRolledBackIsNotCounted() {
		double before = startedWelcomes();

		new TransactionTemplate(transactions).executeWithoutResult(tx -> {
			journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contacts.withConsent(true, false).id(),
					Map.of());
			tx.setRollbackOnly();
		});
		assertThat(startedWelcomes()).isEqualTo(before);

		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contacts.withConsent(true, false).id(), Map.of());
		assertThat(startedWelcomes()).isEqualTo(before + 1);
	}

	private double startedWelcomes() {
		Counter started = registry.find("parcours.journeys.started").tag("journey", "welcome").counter();
		return started == null ? 0 : started.count();
	}

	private ResponseEntity<String> get(String path, String user, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

}
