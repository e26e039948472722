package io.parcours.report;

import java.util.List;

import io.parcours.config.RefusedException;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

@RestController
class JourneyController {

	private final JourneyReport report;

	JourneyController(JourneyReport report) {
		this.report = report;
	}

	@GetMapping("/api/journeys")
	List<JourneySummary> journeys() {
		return report.journeys();
	}

	@GetMapping("/api/journeys/{key}/stats")
	JourneyStats stats(@PathVariable String key) {
		return report.stats(key).orElseThrow(() -> unknownJourney(key));
	}

	static RefusedException unknownJourney(String key) {
		return new RefusedException(HttpStatus.NOT_FOUND, "Unknown journey", "key",
				"No journey '" + key + "' is deployed");
	}

}
