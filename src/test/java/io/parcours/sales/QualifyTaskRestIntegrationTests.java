package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import io.parcours.scoring.TestLeads;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;

/**
 * A sales rep completing "Qualify hot lead" through the engine REST API, as Tasklist
 * does: a decision the journey cannot follow is a 400 with a readable message, and the
 * task stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class QualifyTaskRestIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	TestLeads leads;

	@Autowired
	TaskService tasks;

	@Test
	void anUnknownOrMissingDecisionIsRefusedWith400(CapturedOutput output) {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();

		ResponseEntity<String> unknown = complete(qualify, "{\"variables\": {\"decision\": {\"value\": \"maybe\"}}}");
		ResponseEntity<String> missing = complete(qualify, "{\"variables\": {}}");

		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.getBody()).contains("decision 'maybe' is unknown", "accept, recycle, disqualify");
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getBody()).contains("decision is missing");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
		assertThat(output.getAll()).as("a client's mistake is no error in our log").doesNotContain("ENGINE-16004");

		assertThat(complete(qualify, "{\"variables\": {\"decision\": {\"value\": \"disqualify\"}}}").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	private ResponseEntity<String> complete(Task task, String body) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("demo", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		return rest.postForEntity("/engine-rest/task/" + task.getId() + "/complete", new HttpEntity<>(body, headers),
				String.class);
	}

}
