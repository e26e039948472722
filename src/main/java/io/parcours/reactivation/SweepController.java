package io.parcours.reactivation;

import java.util.List;

import io.parcours.config.RefusedException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** The progress of the reactivation sweeps, for ops and marketers. */
@RestController
class SweepController {

	static final int LATEST = 20;

	private final ReactivationSweeps sweeps;

	SweepController(ReactivationSweeps sweeps) {
		this.sweeps = sweeps;
	}

	@GetMapping("/api/reactivation/sweeps")
	List<Sweep> latest() {
		return sweeps.latest(LATEST);
	}

	@GetMapping("/api/reactivation/sweeps/{id}")
	ResponseEntity<Sweep> one(@PathVariable String id) {
		return ResponseEntity.ok(sweeps.progress(id)
			.orElseThrow(
					() -> new RefusedException(HttpStatus.NOT_FOUND, "Unknown sweep", "id", "No sweep '" + id + "'")));
	}

}
