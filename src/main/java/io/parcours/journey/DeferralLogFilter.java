package io.parcours.journey;

import java.util.Arrays;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import jakarta.annotation.PostConstruct;
import org.camunda.bpm.engine.ParseException;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * A {@link Deferral} ends its command with an exception, and the engine logs every such
 * exception as an error (ENGINE-16004) and, from the job executor, as a failed job
 * (ENGINE-14006): in quiet hours, or while a large sweep waits for the provider's rate,
 * that would be a flood of errors for steps that are simply waiting. This filter drops
 * the engine's lines about deferrals; the delivery layer logs each deferral itself at
 * INFO and Cockpit shows the wait on the job. A refusal of what a client sent (a
 * {@link ClientRefusal}: a task input, a task not theirs to decide, a deployment Parcours
 * refuses; or a diagram the engine cannot parse), answered with a 400 or 403 naming the
 * problem, is no error of ours either, nor a step failing in a test run (its report says
 * so). Real failures are logged as before.
 */
@Component
class DeferralLogFilter extends TurboFilter {

	static final String NAME = "parcours-deferrals";

	private static final String ENGINE_LOGGERS = "org.camunda.bpm.engine.";

	private static final String FAILED_JOB = "ENGINE-14006";

	private static final String CLOSING_COMMAND_CONTEXT = "ENGINE-16004";

	/** The MDC key of a journey's business key (logging-context-business-key). */
	private static final String CONTACT_KEY = "contactId";

	/**
	 * The job executor logs a failed job by id and exception class name only, after the
	 * engine handled the failure on the same thread: that handling tells which job was
	 * deferred.
	 */
	private static final ThreadLocal<String> deferredJob = new ThreadLocal<>();

	DeferralLogFilter() {
		setName(NAME);
	}

	static void jobFailed(String jobId, boolean deferred) {
		if (deferred) {
			deferredJob.set(jobId);
		}
		else {
			deferredJob.remove();
		}
	}

	@PostConstruct
	void register() {
		if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
				&& context.getTurboFilterList().stream().noneMatch(filter -> NAME.equals(filter.getName()))) {
			start();
			context.addTurboFilter(this);
		}
	}

	@Override
	public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
		if (level == null || !level.isGreaterOrEqual(Level.WARN) || !logger.getName().startsWith(ENGINE_LOGGERS)) {
			return FilterReply.NEUTRAL;
		}
		return aboutDeferral(format, params, t) || duringTestRun() || retriedError(level, format, params, t)
				? FilterReply.DENY : FilterReply.NEUTRAL;
	}

	/** The engine's error line about an attempt its retries are made for. */
	private static boolean retriedError(Level level, String format, Object[] params, Throwable t) {
		if (!Level.ERROR.equals(level) || format == null || !format.startsWith(CLOSING_COMMAND_CONTEXT)) {
			return false;
		}
		if (causedBy(t, RetriedFailure.class)) {
			return true;
		}
		return params != null && Arrays.stream(params)
			.anyMatch(param -> param instanceof Throwable throwable && causedBy(throwable, RetriedFailure.class));
	}

	private static boolean causedBy(Throwable throwable, Class<?> kind) {
		Throwable cause = throwable;
		for (int depth = 0; cause != null && depth < 16; depth++) {
			if (kind.isInstance(cause)) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	/**
	 * A test run's failing step is in its report (and logged by the run at INFO): the
	 * engine's error lines about it would read as a failure of the application.
	 */
	private static boolean duringTestRun() {
		return TestRunContacts.isTestRun(MDC.get(CONTACT_KEY));
	}

	private static boolean aboutDeferral(String format, Object[] params, Throwable t) {
		if (isDeferral(t)) {
			return true;
		}
		if (params == null || params.length == 0) {
			return false;
		}
		if (format != null && format.startsWith(FAILED_JOB) && params[0] != null
				&& params[0].equals(deferredJob.get())) {
			deferredJob.remove();
			return true;
		}
		for (Object param : params) {
			if (param instanceof Throwable throwable && isDeferral(throwable)) {
				return true;
			}
		}
		return false;
	}

	private static boolean isDeferral(Throwable throwable) {
		return causedBy(throwable, Deferral.class) || causedBy(throwable, ClientRefusal.class)
				|| causedBy(throwable, ParseException.class);
	}

}
