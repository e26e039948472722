package io.parcours.testrun;

import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobPriorityProvider;
import org.camunda.bpm.engine.impl.jobexecutor.JobDeclaration;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.Ordering;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the job executor of every node away from test runs: the run plays its contact's
 * jobs itself, on its simulated clock, and an executor taking one (a send step due now)
 * would run it at the wrong moment and race the run for it. A job of a test contact's
 * journey is created, in the transaction that creates it, with a priority below the range
 * every job executor acquires from ({@code jobExecutorPriorityRangeMin}), so no node ever
 * acquires it, and {@code ManagementService.executeJob} still runs it for the test run.
 * <p>
 * The engine applies the range only when it acquires by priority, so this turns that on:
 * due jobs are taken highest priority first (the reactivation sweep's -10 and its
 * journeys' -20 after the others' 0). It runs after the starter's own configuration
 * (which would otherwise apply {@code camunda.bpm.job-executor-acquire-by-priority}); a
 * range set by ops (generic properties) is kept when it already leaves test runs out.
 */
@Component
@Order(Ordering.DEFAULT_ORDER + 1)
class TestRunJobPriority extends AbstractCamundaConfiguration {

	/** Below every priority a diagram can give: only test runs have it. */
	static final long TEST_RUN = Long.MIN_VALUE;

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		configuration.setProducePrioritizedJobs(true);
		configuration.setJobPriorityProvider(new Provider());
		configuration.setJobExecutorAcquireByPriority(true);
		if (configuration.getJobExecutorPriorityRangeMin() <= TEST_RUN) {
			configuration.setJobExecutorPriorityRangeMin(TEST_RUN + 1);
		}
	}

	/**
	 * The engine's priority (activity, process, job definition), except for the jobs of a
	 * test contact's journeys (business key = contact id).
	 */
	static class Provider extends DefaultJobPriorityProvider {

		@Override
		public long determinePriority(ExecutionEntity execution, JobDeclaration<?, ?> declaration,
				String jobDefinitionId) {
			if (execution != null && TestRunContacts.isTestRun(execution.getProcessBusinessKey())) {
				return TEST_RUN;
			}
			return super.determinePriority(execution, declaration, jobDefinitionId);
		}

	}

}
