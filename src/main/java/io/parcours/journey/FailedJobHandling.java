package io.parcours.journey;

import java.util.Date;

import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultFailedJobConfiguration;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine two things about failed jobs: a {@link NonRetryable} failure raises
 * its incident at once instead of after every retry, and a {@link RetryNotBefore} failure
 * is not retried before the provider allows it, and a {@link Deferral} runs again when it
 * says, keeping its retries. Everything else follows the configured retry cycle.
 */
@Component
class FailedJobHandling extends DefaultFailedJobConfiguration {

	/**
	 * Replaces the starter's default (this bean takes its place), keeping its retry-cycle
	 * parse listener.
	 */
	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		super.preInit(configuration);
		configuration.setFailedJobCommandFactory(JobFailure::new);
	}

	static class JobFailure extends DefaultJobRetryCmd {

		JobFailure(String jobId, Throwable exception) {
			super(jobId, exception);
		}

		@Override
		public Object execute(CommandContext commandContext) {
			super.execute(commandContext);
			JobEntity job = getJob();
			if (job == null || job.getRetries() == 0) {
				return null;
			}
			if (causeOfType(NonRetryable.class) != null) {
				job.setRetries(0);
			}
			RetryNotBefore notBefore = causeOfType(RetryNotBefore.class);
			if (notBefore != null && job.getDuedate().toInstant().isBefore(notBefore.notBefore())) {
				job.setDuedate(Date.from(notBefore.notBefore()));
			}
			Deferral deferral = causeOfType(Deferral.class);
			if (deferral != null) {
				job.setDuedate(Date.from(deferral.notBefore()));
			}
			return null;
		}

		@Override
		protected boolean shouldDecrementRetriesFor(Throwable failure) {
			return super.shouldDecrementRetriesFor(failure) && causeOfType(Deferral.class) == null;
		}

		private <T> T causeOfType(Class<T> type) {
			for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
				if (type.isInstance(cause)) {
					return type.cast(cause);
				}
			}
			return null;
		}

	}

}
