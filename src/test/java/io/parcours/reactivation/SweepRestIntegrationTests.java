package io.parcours.reactivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * Ops start a sweep by hand through the engine REST API, as the README says, and follow
 * it through ours. (Same context as ApplicationIntegrationTests: a real port.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SweepRestIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	DormantCustomers customers;

	@Autowired
	org.springframework.jdbc.core.simple.JdbcClient jdbc;

	@Test
	void opsStartASweepByHandAndFollowItsProgress() {
		String dormant = customers.dormant(true, false).id();
		ResponseEntity<Map> started = rest.withBasicAuth("demo", "demo")
			.exchange("/engine-rest/process-definition/key/reactivation-sweep/start", HttpMethod.POST,
					json("{\"variables\": {\"pageSize\": {\"value\": 100, \"type\": \"Integer\"}}}"), Map.class);

		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
		String sweep = (String) started.getBody().get("id");
		assertThat(runtime.getActiveActivityIds(sweep)).containsExactly("Task_FindDormantCustomers");
		// not opened yet: running, nothing found so far
		assertThat(progressOf(sweep)).containsEntry("running", true)
			.containsEntry("found", 0)
			.containsEntry("pageSize", 100)
			.doesNotContainKey("openedAt");
		for (Job job = jobOf(sweep); job != null; job = jobOf(sweep)) {
			management.executeJob(job.getId());
		}

		ResponseEntity<Map> progress = rest.withBasicAuth("mia", "mia")
			.getForEntity("/api/reactivation/sweeps/" + sweep, Map.class);
		assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(progress.getBody()).containsEntry("running", false).containsEntry("pageSize", 100);
		assertThat(progress.getBody().get("enrolled")).isEqualTo(progress.getBody().get("found"));
		assertThat((Integer) progress.getBody().get("enrolled")).isPositive();
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.processInstanceBusinessKey(dormant)
			.count()).isOne();
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(sweep).count()).isZero();
	}

	/**
	 * A journey started by hand through the engine's REST API runs once for a contact, as
	 * the events and the sweep start it; a reactivation started so sends at once.
	 */
	@Test
	void aJourneyStartedByHandRunsOnceForAContact() {
		String contact = customers.dormant(true, false).id();
		String start = "{\"businessKey\": \"" + contact + "\"}";
		String reactivation = "/engine-rest/process-definition/key/reactivation/start";

		ResponseEntity<Map> first = rest.withBasicAuth("demo", "demo")
			.exchange(reactivation, HttpMethod.POST, json(start), Map.class);
		ResponseEntity<Map> second = rest.withBasicAuth("demo", "demo")
			.exchange(reactivation, HttpMethod.POST, json(start), Map.class);

		assertThat(first.getStatusCode()).as(String.valueOf(first.getBody())).isEqualTo(HttpStatus.OK);
		Job firstEmail = jobOf((String) first.getBody().get("id"));
		assertThat(firstEmail.getDuedate()).isCloseTo(new java.util.Date(), 120_000);
		assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(second.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(second.getBody().get("errors").toString()).contains("field=businessKey",
				"is already in journey 'reactivation'");
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.processInstanceBusinessKey(contact)
			.count()).isOne();

		String signedUp = "{\"messageName\": \"SignedUp\", \"businessKey\": \"" + contact + "\"}";
		assertThat(rest.withBasicAuth("demo", "demo")
			.exchange("/engine-rest/message", HttpMethod.POST, json(signedUp), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<Map> again = rest.withBasicAuth("demo", "demo")
			.exchange("/engine-rest/message", HttpMethod.POST, json(signedUp), Map.class);
		assertThat(again.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(contact)
			.count()).isOne();
	}

	/**
	 * A reactivation started by hand with a sending slot of its own is an enrolment too:
	 * how it ends keeps the contact out of the sweeps of the re-entry window.
	 */
	@Test
	void aReactivationStartedByHandWithItsOwnSlotIsRecordedAsAnEnrolment() {
		String contact = customers.dormant(true, false).id();
		String start = "{\"businessKey\": \"" + contact + "\", \"variables\": {\"sendAt\": {\"value\": \""
				+ java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC)
					.plusMinutes(5)
					.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ"))
				+ "\", \"type\": \"Date\"}}}";

		ResponseEntity<String> started = post("/engine-rest/process-definition/key/reactivation/start", start);

		assertThat(started.getStatusCode()).as(started.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(jdbc.sql("select sweep_id from reactivation_enrolment where contact_id = ?")
			.param(contact)
			.query(String.class)
			.list()).singleElement().asString().startsWith("by-hand:");
	}

	/**
	 * Around the check: another business key with the contact's id as contactId, a start
	 * skipping custom listeners, and starts at the same moment.
	 */
	@Test
	void noWayAroundTheOneJourneyPerContactRule() throws Exception {
		String contact = customers.dormant(true, false).id();
		String welcome = "/engine-rest/process-definition/key/welcome/start";
		assertThat(post(welcome, "{\"businessKey\": \"" + contact + "\"}").getStatusCode()).isEqualTo(HttpStatus.OK);

		var otherKey = post(welcome, "{\"businessKey\": \"" + contact
				+ "-2\", \"variables\": {\"contactId\": {\"value\": \"" + contact + "\", \"type\": \"String\"}}}");
		var noKey = post(welcome,
				"{\"variables\": {\"contactId\": {\"value\": \"" + contact + "\", \"type\": \"String\"}}}");
		var skipping = post(welcome, "{\"businessKey\": \"" + contact
				+ "\", \"skipCustomListeners\": true, \"startInstructions\": [{\"type\": \"startBeforeActivity\","
				+ " \"activityId\": \"Task_SendWelcomeEmail\"}]}");

		for (String journey : List.of("welcome", "reactivation", "abandoned-cart", "b2b-nurturing")) {
			var nobody = post("/engine-rest/process-definition/key/" + journey + "/start", "{}");
			assertThat(nobody.getStatusCode()).as(journey).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(nobody.getBody()).contains("\"field\":\"businessKey\"", "runs for one contact");
			for (String noContactId : List.of("", "  ", "a/b", "ana@example.com", "test-run:abcd1234")) {
				var notAContact = post("/engine-rest/process-definition/key/" + journey + "/start",
						"{\"businessKey\": \"" + noContactId + "\"}");
				assertThat(notAContact.getStatusCode()).as(journey + " " + noContactId)
					.isEqualTo(HttpStatus.BAD_REQUEST);
				assertThat(notAContact.getBody()).contains("\"field\":\"businessKey\"");
			}
		}
		assertThat(
				post("/engine-rest/message", "{\"messageName\": \"SignedUp\", \"businessKey\": \"\"}").getStatusCode())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(otherKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(otherKey.getBody()).contains("businessKey", "business key is its contact's id");
		assertThat(noKey.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(skipping.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.variableValueEquals("contactId", contact)
			.count()).isZero();

		String racing = customers.dormant(true, false).id();
		ExecutorService callers = Executors.newFixedThreadPool(6);
		try {
			List<Future<ResponseEntity<String>>> answers = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				answers.add(callers.submit(() -> post(welcome, "{\"businessKey\": \"" + racing + "\"}")));
			}
			for (Future<ResponseEntity<String>> answer : answers) {
				assertThat(answer.get().getStatusCode()).isIn(HttpStatus.OK, HttpStatus.CONFLICT);
			}
		}
		finally {
			callers.shutdown();
		}
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(racing)
			.count()).isOne();
		assertThat(runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.WELCOME)
			.processInstanceBusinessKey(contact)
			.count()).isOne();
	}

	private ResponseEntity<String> post(String path, String body) {
		return rest.withBasicAuth("demo", "demo").exchange(path, HttpMethod.POST, json(body), String.class);
	}

	/** One sweep runs at a time: a second one started meanwhile says it was skipped. */
	@Test
	void aSweepStartedWhileAnotherRunsSaysItWasSkipped() {
		customers.dormant(true, false);
		String running = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION_SWEEP, Map.of("pageSize", 1))
			.getId();
		management.executeJob(jobOf(running).getId());
		String skipped = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION_SWEEP).getId();
		management.executeJob(jobOf(skipped).getId());
		try {
			ResponseEntity<String> progress = rest.withBasicAuth("mia", "mia")
				.getForEntity("/api/reactivation/sweeps/" + skipped, String.class);

			assertThat(progress.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(progress.getBody()).contains("Sweep skipped", "started while another sweep was running");
		}
		finally {
			runtime.deleteProcessInstance(running, "test done");
		}
	}

	/** Started anyway, it would fail in its first step, an incident ops find later. */
	@Test
	void aSweepWithAPageSizeItCannotUseIsNotStarted() {
		long sweeps = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP).count();
		for (String pageSize : List.of("{\"value\": 0, \"type\": \"Integer\"}",
				"{\"value\": 6000, \"type\": \"Integer\"}", "{\"value\": \"many\", \"type\": \"String\"}",
				"{\"value\": 5000000000, \"type\": \"Long\"}")) {
			ResponseEntity<Map> refused = rest.withBasicAuth("demo", "demo")
				.exchange("/engine-rest/process-definition/key/reactivation-sweep/start", HttpMethod.POST,
						json("{\"variables\": {\"pageSize\": " + pageSize + "}}"), Map.class);

			assertThat(refused.getStatusCode()).as(pageSize).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getBody().get("errors").toString()).contains("field=variables.pageSize",
					"whole number from 1 to 5000");
		}
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP).count())
			.isEqualTo(sweeps);
	}

	/** Started at its page step it would never open, and show running for ever. */
	@Test
	void aSweepStartedAtALaterStepIsNotStarted() {
		long sweeps = runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP).count();

		ResponseEntity<Map> refused = rest.withBasicAuth("demo", "demo")
			.exchange("/engine-rest/process-definition/key/reactivation-sweep/start", HttpMethod.POST, json(
					"{\"startInstructions\": [{\"type\": \"startBeforeActivity\", \"activityId\": \"Task_EnrolPage\"}]}"),
					Map.class);

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody().get("errors").toString()).contains("field=startInstructions",
				"Enrol a page of dormant customers");
		assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP).count())
			.isEqualTo(sweeps);
	}

	@Test
	void aSweepCancelledInCockpitShowsFinishedWhereItStopped() {
		customers.dormant(true, false);
		customers.dormant(false, true);
		String sweep = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION_SWEEP, Map.of("pageSize", 1)).getId();
		management.executeJob(jobOf(sweep).getId());
		management.executeJob(jobOf(sweep).getId());
		assertThat(progressOf(sweep)).containsEntry("running", true);

		runtime.deleteProcessInstance(sweep, "cancelled in Cockpit", true);

		Map<String, Object> stopped = progressOf(sweep);
		assertThat(stopped).containsEntry("running", false);
		assertThat((Integer) stopped.get("enrolled")).isPositive().isLessThan((Integer) stopped.get("found"));
		assertThat(rest.withBasicAuth("mia", "mia").getForObject("/api/reactivation/sweeps", List.class))
			.anySatisfy(listed -> assertThat((Map<String, Object>) listed).containsEntry("id", sweep)
				.containsEntry("running", false));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> progressOf(String sweep) {
		return rest.withBasicAuth("mia", "mia").getForObject("/api/reactivation/sweeps/" + sweep, Map.class);
	}

	@Test
	void sweepProgressNeedsAnOpsOrMarketingUser() {
		assertThat(rest.getForEntity("/api/reactivation/sweeps", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(
				rest.withBasicAuth("sam", "sam").getForEntity("/api/reactivation/sweeps", String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(rest.withBasicAuth("mia", "mia")
			.getForEntity("/api/reactivation/sweeps/nope", String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
	}

	private Job jobOf(String sweep) {
		return management.createJobQuery().processInstanceId(sweep).singleResult();
	}

	private static HttpEntity<String> json(String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_JSON);
		return new HttpEntity<>(body, headers);
	}

}
