package io.parcours.reactivation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

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

	@Test
	void opsStartASweepByHandAndFollowItsProgress() {
		String dormant = customers.dormant(true, false).id();
		ResponseEntity<Map> started = rest.withBasicAuth("demo", "demo")
			.exchange("/engine-rest/process-definition/key/reactivation-sweep/start", HttpMethod.POST,
					json("{\"variables\": {\"pageSize\": {\"value\": 100, \"type\": \"Integer\"}}}"), Map.class);

		assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
		String sweep = (String) started.getBody().get("id");
		assertThat(runtime.getActiveActivityIds(sweep)).containsExactly("Task_FindDormantCustomers");
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
