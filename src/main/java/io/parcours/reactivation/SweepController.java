package io.parcours.reactivation;

import java.util.List;

import io.parcours.config.RefusedException;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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

	private final HistoryService history;

	private final RuntimeService runtime;

	SweepController(ReactivationSweeps sweeps, HistoryService history, RuntimeService runtime) {
		this.sweeps = sweeps;
		this.history = history;
		this.runtime = runtime;
	}

	@GetMapping("/api/reactivation/sweeps")
	List<Sweep> latest() {
		return sweeps.latest(LATEST);
	}

	/**
	 * A sweep just started has not opened yet (its first step runs as a job): it shows
	 * running, nothing found yet. One started while another ran ended at once, and says
	 * so.
	 */
	@GetMapping("/api/reactivation/sweeps/{id}")
	ResponseEntity<Sweep> one(@PathVariable String id) {
		return ResponseEntity.ok(sweeps.progress(id).orElseGet(() -> notOpened(id)));
	}

	private Sweep notOpened(String id) {
		HistoricProcessInstance started = history.createHistoricProcessInstanceQuery()
			.processInstanceId(id)
			.processDefinitionKey(ProcessKeys.REACTIVATION_SWEEP)
			.singleResult();
		if (started == null) {
			throw new RefusedException(HttpStatus.NOT_FOUND, "Unknown sweep", "id", "No sweep '" + id + "'");
		}
		if (started.getEndTime() != null) {
			throw new RefusedException(HttpStatus.NOT_FOUND, "Sweep skipped", "id",
					"Sweep '" + id
							+ "' started while another sweep was running, and ended at once (Skipped) without enrolling"
							+ " anyone: GET /api/reactivation/sweeps shows the sweep that ran.");
		}
		Object requested = runtime.getVariable(id, SweepVariables.PAGE_SIZE);
		int pageSize = sweeps.pageSize(requested instanceof Number number ? number.intValue() : null);
		return new Sweep(id, null, null, null, pageSize, null, null, 0, 0, 0, null);
	}

}
