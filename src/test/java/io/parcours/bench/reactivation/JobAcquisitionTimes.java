package io.parcours.bench.reactivation;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How long the job executor's acquisition query takes on the tables the run left (the
 * sweep's journeys and the bare instances): right after the sweep, the first emails whose
 * sending slot has come due; once every journey waits (the due jobs moved a week ahead);
 * and the same waiting tables searched as the engine does by default, with no due-date
 * index and jobs without a due date looked for too.
 */
record JobAcquisitionTimes(long jobs, long dueAfterSweep, double afterSweepMillis, double waitingMillis,
		double waitingEngineDefaultMillis) {

	static final String INDEX = "PARCOURS_IDX_JOB_DUEDATE";

	private static final int ROUNDS = 11;

	static JobAcquisitionTimes measure(ProcessEngine engine, JdbcTemplate jdbc) {
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		Timestamp now = Timestamp.from(Instant.now());
		long jobs = jdbc.queryForObject("select count(*) from ACT_RU_JOB", Long.class);
		long due = jdbc.queryForObject("select count(*) from ACT_RU_JOB where DUEDATE_ <= ?", Long.class, now);
		analyzeOnPostgres(jdbc);
		double afterSweep = median(configuration);
		jdbc.update("update ACT_RU_JOB set DUEDATE_ = ?, LOCK_OWNER_ = null, LOCK_EXP_TIME_ = null where DUEDATE_ <= ?",
				Timestamp.from(Instant.now().plus(Duration.ofDays(7))), Timestamp.from(Instant.now()));
		analyzeOnPostgres(jdbc);
		double waiting = median(configuration);
		configuration.setEnsureJobDueDateNotNull(false);
		jdbc.execute("drop index " + INDEX);
		double engineDefault = median(configuration);
		jdbc.execute("create index " + INDEX + " on ACT_RU_JOB (DUEDATE_)");
		configuration.setEnsureJobDueDateNotNull(true);
		return new JobAcquisitionTimes(jobs, due, afterSweep, waiting, engineDefault);
	}

	/**
	 * PostgreSQL plans on statistics its autovacuum refreshes after large changes, in its
	 * own time: refreshed here before each measure, so that the plan is the one a node
	 * gets.
	 */
	private static void analyzeOnPostgres(JdbcTemplate jdbc) {
		String database = jdbc
			.execute((java.sql.Connection connection) -> connection.getMetaData().getDatabaseProductName());
		if ("PostgreSQL".equals(database)) {
			jdbc.execute("analyze ACT_RU_JOB");
		}
	}

	/** The engine's own acquisition command, as a job executor thread runs it. */
	private static double median(ProcessEngineConfigurationImpl configuration) {
		double[] millis = new double[ROUNDS];
		for (int i = 0; i < ROUNDS; i++) {
			long start = System.nanoTime();
			configuration.getCommandExecutorTxRequired().execute(new AcquireJobsCmd(configuration.getJobExecutor()));
			millis[i] = (System.nanoTime() - start) / 1e6;
		}
		Arrays.sort(millis);
		return millis[ROUNDS / 2];
	}

	String markdown() {
		return String.format(Locale.ROOT, """

				## Job acquisition with %,d jobs in the tables

				| state of the jobs | one acquisition (median of %d) |
				|---|---|
				| right after the sweep: %,d jobs due (first emails whose sending slot has come) | %.1f ms |
				| every journey waiting (the due jobs moved a week ahead) | %.2f ms |
				| the same, searched as the engine does by default (no due-date index) | %.1f ms |

				A job executor looks for due jobs several times a second while it has work; Parcours gives
				every job a due date and indexes it (`config/JobAcquisitionIndex`), so an acquisition reads
				the due jobs only, not every waiting journey. The due jobs are then sorted by priority (the
				sweep's journeys after the others); the sweep hands its first emails sending slots at the
				provider's rate, so few are due at once. (On PostgreSQL the job table is analysed before each
				measure, as its autovacuum does after large changes.)
				""", jobs, ROUNDS, dueAfterSweep, afterSweepMillis, waitingMillis, waitingEngineDefaultMillis);
	}

	Map<String, Object> json() {
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("jobs", jobs);
		json.put("dueAfterSweep", dueAfterSweep);
		json.put("afterSweepMillis", BenchResult.round(afterSweepMillis));
		json.put("allWaitingMillis", BenchResult.round(waitingMillis));
		json.put("allWaitingEngineDefaultMillis", BenchResult.round(waitingEngineDefaultMillis));
		return json;
	}

}
