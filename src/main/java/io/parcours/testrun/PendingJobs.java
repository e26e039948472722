package io.parcours.testrun;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.model.bpmn.instance.TimerEventDefinition;

/**
 * The test contact's engine jobs on the simulated clock. A job due now (a send step) runs
 * at once; a timer runs when its written wait ({@code P2D}, or what an expression such as
 * {@code ${nurtureInterval}} gives) has passed in simulated time, whatever the real due
 * date, so a week of journey takes seconds and time compression does not distort the
 * report.
 */
class PendingJobs {

	private final ManagementService management;

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final TimerValues timerValues;

	private final double timeCompression;

	private final Map<String, Schedule> schedules = new HashMap<>();

	/** The real moment the run began: its simulated time counts from there. */
	private final Instant startedAt;

	PendingJobs(ManagementService management, RuntimeService runtime, RepositoryService repository,
			TimerValues timerValues, double timeCompression, Instant startedAt) {
		this.startedAt = startedAt;
		this.management = management;
		this.runtime = runtime;
		this.repository = repository;
		this.timerValues = timerValues;
		this.timeCompression = Math.max(1, timeCompression);
	}

	/**
	 * A job with its simulated due time, and the wait it stands for when it is a timer.
	 */
	record Pending(Job job, Duration due, String activityId, String written) {
	}

	/** When a job is due in simulated time, fixed when the run first sees it. */
	private record Schedule(Duration due, String activityId, String written) {
	}

	Optional<Pending> next(String contactId, Duration now) {
		List<String> instances = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		return instances.stream()
			.flatMap(id -> management.createJobQuery().processInstanceId(id).list().stream())
			.filter(job -> job.getRetries() > 0)
			.map(job -> pending(job, schedules.computeIfAbsent(job.getId(), id -> schedule(job, now))))
			.min(Comparator.comparing(Pending::due).thenComparing(p -> p.job().getId()));
	}

	/** The job runs again at this simulated moment (it was deferred). */
	void postpone(Pending pending, Duration due) {
		schedules.put(pending.job().getId(), new Schedule(due, pending.activityId(), null));
	}

	private static Pending pending(Job job, Schedule schedule) {
		return new Pending(job, schedule.due(), schedule.activityId(), schedule.written());
	}

	private Schedule schedule(Job job, Duration now) {
		JobDefinition definition = job.getJobDefinitionId() == null ? null
				: management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
		String activityId = definition == null ? null : definition.getActivityId();
		if (definition == null || !definition.getJobType().startsWith("timer")) {
			return new Schedule(now, activityId, null);
		}
		Optional<Timer> timer = timerOf(job, activityId);
		Optional<Wait> wait = timer.map(written -> waitOf(job, written, now));
		if (wait.isEmpty()) {
			// a repeat of a written period (R3/PT1H): the period, however long the run
			// took in real time between two repeats
			Optional<Duration> period = cyclePeriod(job, activityId);
			if (period.isPresent()) {
				return new Schedule(now.plus(period.get()), activityId, period.get().toString());
			}
			// a cycle (cron, R/PT12H) keeps real time even when durations are compressed
			Duration real = realWait(job, !isCycle(job, activityId));
			// a date that cannot be read again (a transient variable) is where the engine
			// set the timer
			return new Schedule(now.plus(real), activityId,
					timer.filter(Timer::date).isPresent() ? real.toString() : "a timer");
		}
		return new Schedule(now.plus(wait.get().duration()), activityId, wait.get().written());
	}

	/** A timer's wait in the contact's time, and how the report shows it. */
	private record Wait(Duration duration, String written) {
	}

	/**
	 * The wait a timer stands for, or null when it cannot be read: a date is reached when
	 * the simulated clock gets there.
	 */
	private Wait waitOf(Job job, Timer timer, Duration now) {
		Object value = timer.expression() ? timerValues.evaluate(job, timer.text()) : timer.text();
		if (value == null) {
			return null;
		}
		if (!timer.date()) {
			Duration duration = parse(value.toString());
			return duration == null ? null : new Wait(duration, value.toString());
		}
		Instant due = instant(value);
		if (due == null) {
			return null;
		}
		Instant simulatedNow = startedAt.plus(now);
		Duration duration = due.isAfter(simulatedNow) ? wholeSecondsUp(Duration.between(simulatedNow, due))
				: Duration.ZERO;
		return new Wait(duration, duration.toString());
	}

	/**
	 * A date computed from the real clock while the run played (one business day from
	 * now) lies that much less ahead of the simulated one: PT48H, not PT47H59M59.57S.
	 */
	private static Duration wholeSecondsUp(Duration duration) {
		Duration seconds = Duration.ofSeconds(duration.getSeconds());
		return seconds.equals(duration) ? seconds : seconds.plusSeconds(1);
	}

	/**
	 * The job's own wait, stretched back when time is compressed (durations and dates
	 * are, cycles are not), in whole seconds: what is left when the diagram's timer
	 * cannot be read.
	 */
	private Duration realWait(Job job, boolean compressed) {
		Instant due = job.getDuedate() == null ? null : job.getDuedate().toInstant();
		Instant created = job.getCreateTime() == null ? Instant.now() : job.getCreateTime().toInstant();
		if (due == null || !due.isAfter(created)) {
			return Duration.ZERO;
		}
		long millis = Math.round(Duration.between(created, due).toMillis() * (compressed ? timeCompression : 1));
		// the engine reads the clock for the due date a moment before it stamps the job's
		// creation: up to the second, lest each repeat of a cycle come a little earlier
		return Duration.ofSeconds((millis + 999) / 1000);
	}

	/**
	 * The step's name as deployed (the timeline shows "2 days passed", not
	 * Event_TwoDaysPassed), or null when it has none.
	 */
	String nameOf(Job job, String activityId) {
		var element = activityId == null ? null
				: repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activityId);
		return element == null ? null : element.getAttributeValue("name");
	}

	/**
	 * The period of a cycle written as repeats of a duration from when it is reached
	 * ({@code R3/PT1H}, {@code R/P1D}); none for a cron, a start date or an expression.
	 */
	private Optional<Duration> cyclePeriod(Job job, String activityId) {
		var element = activityId == null ? null
				: repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activityId);
		if (element == null) {
			return Optional.empty();
		}
		return element.getChildElementsByType(TimerEventDefinition.class)
			.stream()
			.filter(timer -> timer.getTimeCycle() != null)
			.map(timer -> timer.getTimeCycle().getTextContent().strip().split("/"))
			.filter(parts -> parts.length == 2 && parts[0].matches("R\\d*"))
			.map(parts -> parse(parts[1]))
			.filter(period -> period != null && !period.isNegative() && !period.isZero())
			.findFirst();
	}

	private boolean isCycle(Job job, String activityId) {
		var element = activityId == null ? null
				: repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activityId);
		return element != null && element.getChildElementsByType(TimerEventDefinition.class)
			.stream()
			.anyMatch(timer -> timer.getTimeCycle() != null);
	}

	/** A timer of the diagram: its duration or date, written or as an expression. */
	record Timer(String text, boolean date) {

		boolean expression() {
			return text.contains("${") || text.contains("#{");
		}

	}

	private Optional<Timer> timerOf(Job job, String activityId) {
		if (activityId == null) {
			return Optional.empty();
		}
		var element = repository.getBpmnModelInstance(job.getProcessDefinitionId()).getModelElementById(activityId);
		if (element == null) {
			return Optional.empty();
		}
		return element.getChildElementsByType(TimerEventDefinition.class).stream().map(timer -> {
			if (timer.getTimeDuration() != null) {
				return new Timer(timer.getTimeDuration().getTextContent().strip(), false);
			}
			return timer.getTimeDate() != null ? new Timer(timer.getTimeDate().getTextContent().strip(), true) : null;
		}).filter(timer -> timer != null && !timer.text().isEmpty()).findFirst();
	}

	private static Instant instant(Object value) {
		if (value instanceof Date date) {
			return date.toInstant();
		}
		try {
			return OffsetDateTime.parse(value.toString()).toInstant();
		}
		catch (DateTimeParseException notADateTime) {
			return null;
		}
	}

	/**
	 * An ISO-8601 duration ({@code PT1H}, {@code P2D}, {@code P1W}, {@code P1M}), else
	 * null.
	 */
	static Duration parse(String text) {
		if (text == null) {
			return null;
		}
		try {
			return Duration.parse(text);
		}
		catch (DateTimeParseException notADuration) {
			try {
				Period period = Period.parse(text);
				return Duration.ofDays(period.getYears() * 365L + period.getMonths() * 30L + period.getDays());
			}
			catch (DateTimeParseException notAPeriod) {
				return null;
			}
		}
	}

}
