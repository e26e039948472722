package io.parcours.journey;

import java.util.Date;
import java.util.List;

import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.DefaultFailedJobConfiguration;
import org.springframework.stereotype.Component;

/**
 * Teaches the engine three things about failed jobs: a {@link NonRetryable} failure
 * raises its incident at once instead of after every retry, a {@link RetryNotBefore}
 * failure is not retried before the provider allows it, and a {@link Deferral} is no
 * failure at all: the job keeps its retries and waits. Everything else follows the
 * configured retry cycle. Steps hear of every incident opened ({@link StepGaveUp}).
 */
@Component
class FailedJobHandling extends DefaultFailedJobConfiguration {

	/**
	 * Replaces the starter's default (this bean takes its place), keeping its retry-cycle
	 * parse listener.
	 */
	private final List<StepGaveUp> gaveUp;

	FailedJobHandling(List<StepGaveUp> gaveUp) {
		this.gaveUp = List.copyOf(gaveUp);
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		super.preInit(configuration);
		configuration.setFailedJobCommandFactory(JobFailure::new);
		configuration.setCompositeIncidentHandlersEnabled(true);
		configuration.setCustomIncidentHandlers(List.of(new StepGaveUpOnIncident(gaveUp)));
	}

	static class JobFailure extends DefaultJobRetryCmd {

		JobFailure(String jobId, Throwable exception) {
			super(jobId, exception);
		}

		@Override
		public Object execute(CommandContext commandContext) {
			DeferralLogFilter.jobFailed(this.jobId, causeOfType(Deferral.class) != null);
			super.execute(commandContext);
			JobEntity job = getJob();
			if (job == null) {
				return null;
			}
			if (job.getRetries() > 0) {
				planNextAttempt(job, commandContext);
			}
			return null;
		}

		private void planNextAttempt(JobEntity job, CommandContext commandContext) {
			Deferral deferral = causeOfType(Deferral.class);
			if (deferral != null) {
				// through the engine's due-date calendar, so time compression shortens
				// the wait
				job.setDuedate(commandContext.getProcessEngineConfiguration()
					.getBusinessCalendarManager()
					.getBusinessCalendar(DueDateBusinessCalendar.NAME)
					.resolveDuedate(deferral.until().toString()));
				job.unlock();
				return;
			}
			if (causeOfType(NonRetryable.class) != null) {
				job.setRetries(0);
			}
			RetryNotBefore notBefore = causeOfType(RetryNotBefore.class);
			if (notBefore != null
					&& (job.getDuedate() == null || job.getDuedate().toInstant().isBefore(notBefore.notBefore()))) {
				job.setDuedate(Date.from(notBefore.notBefore()));
			}
		}

		/** A deferral is a wait, not a failure: it uses no retry. */
		@Override
		protected boolean shouldDecrementRetriesFor(Throwable exception) {
			return super.shouldDecrementRetriesFor(exception) && causeOfType(Deferral.class) == null;
		}

		/**
		 * A failure without a message (a NullPointerException) would leave the incident
		 * in Cockpit without one: it says at least what it was.
		 */
		@Override
		protected void logException(JobEntity job) {
			super.logException(job);
			if (exception != null && job.getExceptionMessage() == null) {
				job.setExceptionMessage(exception.toString());
			}
		}

		/** Cockpit shows the deferral's message; a stack trace would only hide it. */
		@Override
		protected String getExceptionStacktrace() {
			Deferral deferral = causeOfType(Deferral.class);
			return deferral != null ? ((Throwable) deferral).getMessage() : super.getExceptionStacktrace();
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
