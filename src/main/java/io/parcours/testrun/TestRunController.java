package io.parcours.testrun;

import java.net.URI;
import java.security.Principal;

import io.parcours.config.RefusedException;

import jakarta.validation.Valid;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Test a journey before launch: run it now, read the report later. */
@RestController
class TestRunController {

	private final TestRunner runner;

	private final TestRuns testRuns;

	private final RepositoryService repository;

	TestRunController(TestRunner runner, TestRuns testRuns, RepositoryService repository) {
		this.runner = runner;
		this.testRuns = testRuns;
		this.repository = repository;
	}

	@PostMapping("/api/journeys/{key}/test-runs")
	ResponseEntity<TestRunReport> run(@PathVariable String key, @Valid @RequestBody TestRunRequest request,
			Principal principal) {
		ProcessDefinition journey = repository.createProcessDefinitionQuery()
			.processDefinitionKey(key)
			.latestVersion()
			.singleResult();
		if (journey == null) {
			throw new RefusedException(HttpStatus.NOT_FOUND, "Unknown journey", "key",
					"No journey '" + key + "' is deployed");
		}
		TestRunReport report = runner.run(journey, request, principal.getName());
		return ResponseEntity.created(URI.create("/api/journeys/" + key + "/test-runs/" + report.id())).body(report);
	}

	@GetMapping("/api/journeys/{key}/test-runs/{id}")
	ResponseEntity<TestRunReport> get(@PathVariable String key, @PathVariable String id) {
		return ResponseEntity.ok(testRuns.find(key, id)
			.orElseThrow(() -> new RefusedException(HttpStatus.NOT_FOUND, "Unknown test run", "id",
					"No test run '" + id + "' of journey '" + key + "'")));
	}

}
