package io.parcours.testrun;

import static io.parcours.testrun.TestRunCalls.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.Contact;
import io.parcours.journey.MessageNames;
import io.parcours.journey.TestRunContacts;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Test runs on a node whose job executor runs, as every real node's does: the executor
 * never takes a test contact's jobs (a send step, a timer), so the run alone plays them,
 * each at its simulated moment, and every report is whole. Before, the executor raced the
 * run for the send steps: messages left in {@code sending}, the welcome email placed at
 * day two, a journey reported waiting at its end.
 */
@ParcoursTest
@TestPropertySource(properties = "camunda.bpm.job-execution.enabled=true")
class TestRunJobExecutorIntegrationTests {

	static final int RUNS = 10;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	TestContacts contacts;

	@Autowired
	ProcessEngineConfigurationImpl engine;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Test
	void everyReportOfTheReadmeExampleIsWholeWhileTheJobExecutorRuns() throws Exception {
		assertThat(engine.getJobExecutor().isActive()).as("the job executor runs in this test").isTrue();
		Contact original = contacts.withConsent(true, false);

		for (int i = 0; i < RUNS; i++) {
			JsonNode report = run("welcome", """
					{ "copyOf": "%s",
					  "events": [ { "after": "P0D", "type": "contact.signed_up" },
					              { "after": "P3D", "type": "order.completed",
					                "properties": { "orderId": "test-1", "value": 49.90, "currency": "EUR" } } ] }"""
				.formatted(original.id()));

			String run = "run " + (i + 1) + ": " + report;
			assertThat(report.path("status").asText()).as(run).isEqualTo("completed");
			assertThat(report.path("outcome").asText()).as(run).isEqualTo("Journey ended at 'Converted'");
			assertThat(report.path("simulatedDuration").asText()).as(run).isEqualTo("PT72H");
			JsonNode messages = report.path("messages");
			assertThat(texts(messages, "template")).as(run).containsExactly("welcome", "getting-started", "thank-you");
			assertThat(texts(messages, "at")).as(run).containsExactly("PT0S", "PT48H", "PT72H");
			assertThat(texts(messages, "status")).as(run).containsOnly("sent");
			assertThat(at(report.path("timeline"), "Task_SendWelcomeEmail")).as(run).containsOnly("PT0S");
			assertThat(at(report.path("timeline"), "Task_SendThankYouEmail")).as(run).containsOnly("PT72H");
		}
	}

	@Test
	void noJobExecutorTakesAJobOfATestContact() {
		assertThat(engine.isJobExecutorAcquireByPriority()).isTrue();
		assertThat(engine.getJobExecutorPriorityRangeMin()).isGreaterThan(TestRunJobPriority.TEST_RUN);
		String contactId = TestRunContacts.PREFIX + "jobs" + System.nanoTime() % 10_000;
		// started as a test run starts it (a start by hand is refused this key)
		String instance = io.parcours.journey.CheckedStarts
			.run(() -> runtime.createMessageCorrelation(MessageNames.SIGNED_UP)
				.processInstanceBusinessKey(contactId)
				.setVariable(VariableNames.CONTACT_ID, contactId)
				.correlateStartMessage())
			.getId();
		try {
			Job sendWelcomeEmail = management.createJobQuery().processInstanceId(instance).singleResult();
			assertThat(sendWelcomeEmail.getPriority()).isEqualTo(TestRunJobPriority.TEST_RUN);

			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> management.createJobQuery().jobId(sendWelcomeEmail.getId()).singleResult(),
						job -> job != null && ((JobEntity) job).getLockOwner() == null
								&& job.getRetries() == sendWelcomeEmail.getRetries()
								&& job.getExceptionMessage() == null);
		}
		finally {
			runtime.deleteProcessInstance(instance, "test over", true, true);
		}
	}

	@Test
	void theJobExecutorStillRunsRealJourneys() throws Exception {
		Contact contact = contacts.withConsent(true, false);

		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "id": "signup-%s", "type": "contact.signed_up", "contactId": "%s" }""".formatted(contact.id(),
					contact.id())))
			.andExpect(status().isAccepted());

		await().atMost(Duration.ofSeconds(30))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> jdbc.sql("select status from message where contact_id = ? and template = 'welcome'")
				.param(contact.id())
				.query(String.class)
				.list(), statuses -> statuses.contains("SENT"));
	}

	private JsonNode run(String journey, String request) throws Exception {
		return TestRunCalls.run(mvc, json, journey, request);
	}

	/** When the timeline shows the activity. */
	private static List<String> at(JsonNode timeline, String activityId) {
		List<String> moments = new ArrayList<>();
		timeline.forEach(entry -> {
			if ("activity".equals(entry.path("kind").asText())
					&& activityId.equals(entry.path("activityId").asText())) {
				moments.add(entry.path("at").asText());
			}
		});
		return moments;
	}

}
