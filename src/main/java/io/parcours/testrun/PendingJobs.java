package io.parcours.testrun;

import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
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
 * at once; a timer runs when its written duration ({@code P2D}) has passed in simulated
 * time, whatever the real due date, so a week of journey takes seconds and time
 * compression does not distort the report.
 */
class PendingJobs {

	private final ManagementService management;

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final Map<String, Duration> dueAt = new HashMap<>();

	PendingJobs(ManagementService management, RuntimeService runtime, RepositoryService repository) {
		this.management = management;
		this.runtime = runtime;
		this.repository = repository;
	}

	/** A job with its simulated due time, and the written wait when it is a timer. */
	record Pending(Job job, Duration due, String activityId, String written) {
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
			.map(job -> pending(job, now))
			.min(Comparator.comparing(Pending::due).thenComparing(p -> p.job().getId()));
	}

	private Pending pending(Job job, Duration now) {
		JobDefinition definition = job.getJobDefinitionId() == null ? null
				: management.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult();
		String activityId = definition == null ? null : definition.getActivityId();
		boolean timer = definition != null && definition.getJobType().startsWith("timer");
		String written = timer ? Optional.ofNullable(timerText(job, activityId)).orElse("a timer") : null;
		Duration due = dueAt.computeIfAbsent(job.getId(), id -> now.plus(waitOf(job, written)));
		return new Pending(job, due, activityId, written);
	}

	private Duration waitOf(Job job, String written) {
		Duration parsed = parse(written);
		if (parsed != null) {
			return parsed;
		}
		Instant due = job.getDuedate() == null ? null : job.getDuedate().toInstant();
		Instant created = job.getCreateTime() == null ? Instant.now() : job.getCreateTime().toInstant();
		return due == null || !due.isAfter(created) ? Duration.ZERO : Duration.between(created, due);
	}

	private String timerText(Job job, String activityId) {
		if (activityId == null) {
			return null;
		}
		var model = repository.getBpmnModelInstance(job.getProcessDefinitionId());
		var element = model.getModelElementById(activityId);
		if (element == null) {
			return null;
		}
		return element.getChildElementsByType(TimerEventDefinition.class)
			.stream()
			.map(timer -> timer.getTimeDuration() != null ? timer.getTimeDuration().getTextContent() : null)
			.filter(text -> text != null && !text.isBlank())
			.map(String::strip)
			.findFirst()
			.orElse(null);
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
