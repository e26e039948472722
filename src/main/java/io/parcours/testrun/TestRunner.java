package io.parcours.testrun;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.parcours.channel.Messages;
import io.parcours.config.DatabaseUnavailable;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.experiment.Experiments;
import io.parcours.journey.Deferral;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.TestRunContacts;
import io.parcours.journey.TestRunStartVariables;
import io.parcours.testrun.PendingJobs.Pending;
import io.parcours.testrun.TestRunRequest.ScriptedEvent;

import org.apache.commons.codec.digest.DigestUtils;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Job;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Runs a deployed journey for a throwaway test contact on the real engine, with the real
 * delegates and templates, on a simulated clock: due jobs run one after another (never
 * the engine clock, shared with real journeys), timers fire when their written duration
 * has passed, scripted events arrive at their moment. No job executor takes the test
 * contact's jobs ({@link TestRunJobPriority}). Messages go through the log provider only;
 * the report is kept, every other trace removed.
 */
@Service
class TestRunner {

	private static final Logger log = LoggerFactory.getLogger(TestRunner.class);

	static final int MAX_MOVES = 200;

	/** The longest cart or order id an event may carry. */
	private static final int MAX_ID = 100;

	private final RuntimeService runtime;

	private final HistoryService history;

	private final ManagementService management;

	private final RepositoryService repository;

	private final Messages messages;

	private final EventIngestion events;

	private final TestContactProfile profiles;

	private final JourneyStart starts;

	private final TestRuns testRuns;

	private final TestRunCleanup cleanup;

	private final TimerValues timerValues;

	private final TestRunChecks checks;

	private final Experiments experiments;

	private final TestRunStaffNotifications staffNotifications;

	private final double timeCompression;

	TestRunner(RuntimeService runtime, HistoryService history, ManagementService management,
			RepositoryService repository, Messages messages, EventIngestion events, TestContactProfile profiles,
			JourneyStart starts, TestRuns testRuns, TestRunCleanup cleanup, TimerValues timerValues,
			TestRunChecks checks, Experiments experiments, TestRunStaffNotifications staffNotifications,
			@Value("${parcours.time-compression:1}") double timeCompression) {
		this.runtime = runtime;
		this.history = history;
		this.management = management;
		this.repository = repository;
		this.messages = messages;
		this.events = events;
		this.profiles = profiles;
		this.starts = starts;
		this.testRuns = testRuns;
		this.cleanup = cleanup;
		this.timerValues = timerValues;
		this.checks = checks;
		this.experiments = experiments;
		this.staffNotifications = staffNotifications;
		this.timeCompression = timeCompression;
	}

	TestRunReport run(ProcessDefinition journey, TestRunRequest request, String requestedBy) {
		checks.check(journey, request);
		String id = UUID.randomUUID().toString();
		String contactId = TestRunContacts.PREFIX + id.substring(0, 8);
		profiles.create(id, journey.getKey(), contactId, request, requestedBy);
		staffNotifications.watch(contactId);
		try {
			if (request.variant() != null) {
				experiments.assignForTestRun(journey.getKey(), contactId, request.variant());
			}
			log.info("Test run {} of journey {} started by {} for test contact {}", id, journey.getKey(), requestedBy,
					contactId);
			TestRunReport report = new Run(id, journey, contactId, request).play();
			testRuns.finished(report);
			return report;
		}
		catch (RuntimeException failure) {
			throw broken(id, journey, failure);
		}
		finally {
			staffNotifications.forget(contactId);
			remove(contactId);
		}
	}

	/**
	 * A failure of the run itself, not of the journey (that one is in the report): a
	 * problem for the client, unless the database is gone (503 with Retry-After).
	 */
	private RuntimeException broken(String id, ProcessDefinition journey, RuntimeException failure) {
		if (DatabaseUnavailable.causedBy(failure)) {
			return failure;
		}
		boolean refused = failure instanceof InvalidFieldException;
		if (!refused) {
			log.error("Test run {} of journey {} could not finish", id, journey.getKey(), failure);
		}
		try {
			if (refused) {
				testRuns.discard(id);
			}
			else {
				testRuns.broke(id);
			}
		}
		catch (RuntimeException notRecorded) {
			log.warn("Test run {} not recorded as broken: {}", id, notRecorded.toString());
		}
		if (refused) {
			// a start variable of the wrong kind, found once the journey's own were known
			return failure;
		}
		return new RefusedException(HttpStatus.INTERNAL_SERVER_ERROR, "Test run failed", null,
				"Test run " + id + " of '" + journey.getKey() + "' could not finish: " + rootMessage(failure));
	}

	/** Whatever happened, the report (if any) stands: the traces are removed apart. */
	private void remove(String contactId) {
		try {
			cleanup.remove(contactId);
		}
		catch (RuntimeException failure) {
			log.error("Traces of test contact {} could not be removed", contactId, failure);
		}
	}

	/** One test run in progress. */
	private final class Run {

		private final String id;

		private final ProcessDefinition journey;

		private final String contactId;

		private final TestRunRequest request;

		private final SimulatedTime time = new SimulatedTime();

		/** The real moment the run began: its simulated time counts from there. */
		private final Instant startedAt = Instant.now();

		private final PendingJobs jobs = new PendingJobs(management, runtime, repository, timerValues, timeCompression,
				startedAt);

		private final TestRunRecorder recorder;

		private final Deque<ScriptedEvent> script;

		private int sent;

		Run(String id, ProcessDefinition journey, String contactId, TestRunRequest request) {
			this.id = id;
			this.journey = journey;
			this.contactId = contactId;
			this.request = request;
			this.recorder = new TestRunRecorder(history, messages, staffNotifications, contactId);
			this.script = new ArrayDeque<>(
					request.events().stream().sorted(Comparator.comparing(ScriptedEvent::at)).toList());
		}

		TestRunReport play() {
			if (script.stream().anyMatch(event -> starts.startsOn(journey, event.type()))) {
				starts.checkGiven(journey, contactId, request.variables());
			}
			while (!script.isEmpty() && script.peek().at().isZero()) {
				send(script.poll());
			}
			// a journey whose start event the script sends later starts then, as it
			// would; the journeys the events before it started play meanwhile
			boolean startedLater = script.stream().anyMatch(event -> starts.startsOn(journey, event.type()));
			if (instance().isEmpty() && !startedLater && !started()) {
				return report(TestRunReport.FAILED);
			}
			String status = null;
			for (int moves = 0; status == null && moves < MAX_MOVES; moves++) {
				recorder.snapshot(time.now());
				status = move();
			}
			recorder.snapshot(time.now());
			if (status == null) {
				// the journeys a scripted event started may still play after the tested
				// one
				// ended
				status = ended() ? TestRunReport.COMPLETED : TestRunReport.STEP_LIMIT;
			}
			return report(status);
		}

		/**
		 * Starts the journey directly; false, with the reason in the timeline, when it
		 * cannot start (a start variable the run did not give, a failing first step).
		 */
		private boolean started() {
			try {
				starts.start(journey, contactId, request.variables());
				return true;
			}
			catch (RuntimeException failure) {
				if (DatabaseUnavailable.causedBy(failure) || failure instanceof InvalidFieldException) {
					throw failure;
				}
				recorder.snapshot(time.now());
				recorder.failure(time.now(), journey.getKey(), null, null, "could not start: " + message(failure));
				return false;
			}
		}

		/** Runs the next job or sends the next event; a status when the run is over. */
		/**
		 * Runs the next job or sends the next event, of any journey of the test contact
		 * (those a scripted event started play too, before and after the tested one); a
		 * status when nothing is left to play.
		 */
		private String move() {
			Optional<Pending> job = jobs.next(contactId, time.now());
			ScriptedEvent event = script.peek();
			if (job.isEmpty() && event == null) {
				return ended() ? TestRunReport.COMPLETED : TestRunReport.WAITING;
			}
			if (job.isEmpty() || event != null && event.at().compareTo(job.get().due()) < 0) {
				time.advanceTo(script.poll().at());
				send(event);
				if (starts.startsOn(journey, event.type()) && instance().isEmpty() && !started()) {
					return TestRunReport.FAILED;
				}
				return null;
			}
			return execute(job.get());
		}

		private String execute(Pending pending) {
			time.advanceTo(pending.due());
			if (pending.written() != null) {
				recorder.waited(time.now(), pending.job().getProcessDefinitionKey(), pending.activityId(),
						jobs.nameOf(pending.job(), pending.activityId()), pending.written());
			}
			try {
				SimulatedNow.during(startedAt.plus(time.now()), () -> {
					management.executeJob(pending.job().getId());
					return null;
				});
			}
			catch (RuntimeException failure) {
				Job failed = management.createJobQuery().jobId(pending.job().getId()).singleResult();
				if (failed == null) {
					return null;
				}
				Optional<Deferral> deferral = deferral(failure);
				if (deferral.isPresent()) {
					postpone(pending, deferral.get(), failure);
					return null;
				}
				// the job of a wait may fail in a step after it: the engine knows which
				String step = failed.getFailedActivityId() != null ? failed.getFailedActivityId()
						: pending.activityId();
				recorder.snapshot(time.now());
				recorder.failure(time.now(), failed.getProcessDefinitionKey(), step, jobs.nameOf(failed, step),
						rootMessage(failure));
				log.info("Test run {}: step {} of journey {} failed: {}", id, step, journey.getKey(),
						rootMessage(failure));
				return TestRunReport.FAILED;
			}
			return null;
		}

		/**
		 * A send step deferred (the test contact's quiet hours, a busy provider) waits in
		 * simulated time as long as it would for real, then goes: its message shows when
		 * it would be sent.
		 */
		private void postpone(Pending pending, Deferral deferral, RuntimeException failure) {
			Duration wait = Duration.between(startedAt.plus(time.now()), deferral.until());
			jobs.postpone(pending, time.now().plus(wait.isNegative() ? Duration.ZERO : wait));
			recorder.deferred(time.now(), pending.job().getProcessDefinitionKey(), pending.activityId(),
					jobs.nameOf(pending.job(), pending.activityId()), rootMessage(failure));
		}

		private static Optional<Deferral> deferral(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof Deferral deferral) {
					return Optional.of(deferral);
				}
			}
			return Optional.empty();
		}

		/**
		 * The event happens at the run's simulated moment, so events compare as scripted
		 * (an order scripted a day before a cart is a day older than it).
		 */
		private void send(ScriptedEvent event) {
			String eventId = contactId + ":" + (++sent);
			Instant at = startedAt.plus(time.now());
			// what happened until now comes before the event, what it causes after it
			recorder.snapshot(time.now());
			EventRequest request = new EventRequest(eventId, event.type(), contactId, at, null,
					ownIds(event.properties()));
			boolean processed = SimulatedNow.during(at,
					() -> TestRunStartVariables.during(journey.getKey(),
							own -> OwnVariableKinds.conform(own, this.request.variables()),
							() -> events.accept(request).processed()));
			recorder.event(time.now(), event.type().value(), processed ? null : "not processed");
			recorder.snapshot(time.now());
		}

		/**
		 * The script's carts and orders are the test contact's own: a scripted id that a
		 * real cart or order has too (or another test run) would otherwise move the real
		 * cart to the test contact, or make the test order a duplicate of the real one.
		 */
		private Map<String, Object> ownIds(Map<String, Object> properties) {
			if (properties == null) {
				return null;
			}
			Map<String, Object> own = new LinkedHashMap<>(properties);
			for (String key : List.of("cartId", "orderId")) {
				if (own.get(key) instanceof String scripted && !scripted.isBlank()) {
					String id = contactId + ":" + scripted;
					own.put(key, id.length() <= MAX_ID ? id : contactId + ":" + DigestUtils.sha256Hex(scripted));
				}
			}
			return own;
		}

		private boolean ended() {
			return instance().map(instance -> instance.getEndTime() != null).orElse(false);
		}

		/**
		 * The latest: a script may start the tested journey again (a second lead, cart).
		 */
		private Optional<HistoricProcessInstance> instance() {
			return history.createHistoricProcessInstanceQuery()
				.processDefinitionKey(journey.getKey())
				.processInstanceBusinessKey(contactId)
				.orderByProcessInstanceStartTime()
				.desc()
				.listPage(0, 1)
				.stream()
				.findFirst();
		}

		private TestRunReport report(String status) {
			return new TestRunReport(id, journey.getKey(), journey.getVersion(), contactId, status,
					TestRunOutcome.describe(status, journey.getKey(), recorder.timeline(), script.size(),
							TestRunReport.WAITING.equals(status) ? recorder.waitingAt() : List.of()),
					Instant.now(), SimulatedTime.iso(time.now()), recorder.timeline(), recorder.messages());
		}

	}

	private static String message(Throwable failure) {
		return failure.getMessage() != null ? failure.getMessage() : failure.toString();
	}

	private static String rootMessage(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause.getMessage() != null ? cause.getMessage() : cause.toString();
	}

}
