package io.parcours.sales.process;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;

import io.parcours.journey.TaskDecidedMeanwhile;
import io.parcours.sales.QualifyTaskAnswerers;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.junit.jupiter.api.Test;

class QualifyDecisionCheckTests {

	/**
	 * The second of two completions at the same moment finds the journey moved on: a
	 * conflict, not a NullPointerException.
	 */
	@Test
	void aTaskWhoseJourneyMovedOnWasDecidedMeanwhile() {
		DelegateTask task = mock(DelegateTask.class);
		when(task.getId()).thenReturn("t-1");
		when(task.getExecution()).thenReturn(null);
		var check = new QualifyDecisionCheck(Clock.systemUTC(), mock(QualifyTaskAnswerers.class));

		assertThatThrownBy(() -> check.notify(task)).isInstanceOf(TaskDecidedMeanwhile.class)
			.hasMessageContaining("t-1");
	}

}
