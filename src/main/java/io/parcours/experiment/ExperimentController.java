package io.parcours.experiment;

import io.parcours.config.RefusedException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExperimentController {

	private final ExperimentResults results;

	ExperimentController(ExperimentResults results) {
		this.results = results;
	}

	@GetMapping("/api/experiments/{key}")
	ExperimentReport get(@PathVariable String key) {
		return results.report(key)
			.orElseThrow(() -> new RefusedException(HttpStatus.NOT_FOUND, "Unknown experiment", "key",
					"No experiment '" + key + "' is configured (parcours.experiments)"));
	}

}
