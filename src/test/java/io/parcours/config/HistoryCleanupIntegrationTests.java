package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.time.ZoneId;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * History past its time to live (180 days) is removed by the engine's cleanup, which runs
 * only within a batch window: without one, journeys' history and the personal facts in it
 * were kept for ever.
 */
@ParcoursTest
class HistoryCleanupIntegrationTests {

	@Autowired
	HistoryService history;

	@Test
	void theEngineCleansHistoryUpEveryNightWithinTheWindow() {
		assertThat(history.findHistoryCleanupJobs()).as("scheduled at start, as a window is set").isNotEmpty();
		Job cleanup = history.findHistoryCleanupJobs().get(0);
		LocalTime due = cleanup.getDuedate().toInstant().atZone(ZoneId.systemDefault()).toLocalTime();
		assertThat(due).isBetween(LocalTime.of(1, 0), LocalTime.of(5, 0));
	}

}
