package io.parcours.bench.reactivation;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.parcours.ParcoursApplication;
import io.parcours.bench.reactivation.BenchResult.Phase;
import io.parcours.journey.ProcessKeys;
import io.parcours.reactivation.DormantBase;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Seeds N dormant contacts, runs a reactivation sweep over them, and starts N instances
 * of a bare one-timer process on the same engine, on H2 and on PostgreSQL; writes the
 * figures to {@code bench/results/}. Settings from the environment:
 * {@code BENCH_CONTACTS} (100000), {@code BENCH_PAGE_SIZE} (500), {@code BENCH_DATABASES}
 * ({@code h2,postgres}), {@code BENCH_RESULTS} ({@code bench/results}).
 */
public final class ReactivationSweepBenchmark {

	static final String BARE = "bench-bare-timer";

	private final ConfigurableApplicationContext app;

	private final ProcessEngine engine;

	private final JdbcTemplate jdbc;

	private final TransactionTemplate transaction;

	private ReactivationSweepBenchmark(ConfigurableApplicationContext app) {
		this.app = app;
		this.engine = app.getBean(ProcessEngine.class);
		this.jdbc = app.getBean(JdbcTemplate.class);
		this.transaction = app.getBean(TransactionTemplate.class);
	}

	public static void main(String[] args) throws Exception {
		int contacts = Integer.parseInt(env("BENCH_CONTACTS", "100000"));
		int pageSize = Integer.parseInt(env("BENCH_PAGE_SIZE", "500"));
		Path results = Path.of(env("BENCH_RESULTS", "bench/results"));
		for (String database : env("BENCH_DATABASES", "h2,postgres").split(",")) {
			try (BenchDatabase db = BenchDatabase.open(database.strip(), Path.of("target", "bench"))) {
				BenchResult result = run(db, contacts, pageSize);
				result.write(results);
				System.out.printf(
						"%s: sweep %.1f s (%.0f/s), bare engine %.1f s (%.0f/s), ratio %.2f, peak heap %d MB,"
								+ " each contact once: %s%n",
						db.label(), result.sweep().seconds(), result.sweep().perSecond(), result.bare().seconds(),
						result.bare().perSecond(), result.ratio(), BenchResult.mb(result.sweep().peakHeapBytes()),
						result.eachContactOnce());
			}
			catch (java.io.IOException | IllegalStateException unavailable) {
				if (!database.strip().equals("postgres")) {
					throw unavailable;
				}
				System.out.println("PostgreSQL not available here, skipped: " + unavailable);
			}
		}
		System.exit(0);
	}

	static BenchResult run(BenchDatabase db, int contacts, int pageSize) throws Exception {
		String startedAt = Instant.now().toString();
		try (ConfigurableApplicationContext app = new SpringApplicationBuilder(ParcoursApplication.class)
			.profiles("test")
			.run("--spring.datasource.url=" + db.url(), "--spring.datasource.username=" + db.user(),
					"--spring.datasource.password=" + db.password(), "--server.port=0",
					"--logging.level.io.parcours=WARN", "--logging.level.org.camunda=WARN")) {
			ReactivationSweepBenchmark bench = new ReactivationSweepBenchmark(app);
			int warmUp = Math.min(2_000, contacts);
			bench.seed("w", warmUp);
			bench.sweep(pageSize);
			bench.startBare("warm", warmUp, pageSize);

			long seedStart = System.nanoTime();
			bench.seed("c", contacts);
			long seedMillis = Duration.ofNanos(System.nanoTime() - seedStart).toMillis();
			System.gc();
			Phase bare = bench.measure(contacts, () -> bench.startBare("bare", contacts, pageSize));
			System.gc();
			Phase sweep = bench.measure(contacts, () -> bench.sweep(pageSize));
			long runningJourneys = bench.engine.getRuntimeService()
				.createProcessInstanceQuery()
				.processDefinitionKey(ProcessKeys.REACTIVATION)
				.processInstanceBusinessKeyLike("c-%")
				.count();
			return new BenchResult(db.name(), db.label(), contacts, pageSize, sweep, bare, seedMillis,
					bench.count("select found from reactivation_sweep order by opened_at desc limit 1"),
					bench.count("select count(*) from reactivation_enrolment where contact_id like 'c-%'"),
					bench.count("select count(*) from (select contact_id from reactivation_enrolment"
							+ " group by contact_id having count(*) > 1) twice"),
					runningJourneys, HeapWatch.maxHeapBytes(), startedAt,
					JobAcquisitionTimes.measure(bench.engine, bench.jdbc));
		}
	}

	private Phase measure(int count, Runnable phase) throws InterruptedException {
		try (HeapWatch heap = new HeapWatch()) {
			long cpu = HeapWatch.processCpuNanos();
			long start = System.nanoTime();
			phase.run();
			long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
			long cpuMillis = Duration.ofNanos(HeapWatch.processCpuNanos() - cpu).toMillis();
			return new Phase(count, millis, cpuMillis, heap.peakUsedBytes(), HeapWatch.usedAfterFullGcBytes(),
					HeapWatch.systemLoadAverage());
		}
	}

	private void seed(String prefix, int count) {
		DormantBase.seed(jdbc, transaction, prefix, count, Instant.now());
	}

	/**
	 * Runs a whole sweep, its jobs one after the other, as one job executor thread would.
	 */
	private void sweep(int pageSize) {
		RuntimeService runtime = engine.getRuntimeService();
		ManagementService management = engine.getManagementService();
		String sweep = runtime.startProcessInstanceByKey(ProcessKeys.REACTIVATION_SWEEP, Map.of("pageSize", pageSize))
			.getId();
		for (Job job = management.createJobQuery()
			.processInstanceId(sweep)
			.singleResult(); job != null; job = management.createJobQuery().processInstanceId(sweep).singleResult()) {
			management.executeJob(job.getId());
		}
	}

	/**
	 * The engine's own ceiling: N starts of a one-timer process, a page of them per
	 * transaction inside one engine command, as the sweep's page job does.
	 */
	private void startBare(String prefix, int count, int pageSize) {
		String definition = bareDefinition();
		var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getCommandExecutorTxRequired();
		RuntimeService runtime = engine.getRuntimeService();
		for (int from = 0; from < count; from += pageSize) {
			int first = from;
			commands.execute(context -> {
				for (int i = first; i < Math.min(count, first + pageSize); i++) {
					String key = prefix + "-" + i;
					runtime.startProcessInstanceById(definition, key);
				}
				return null;
			});
		}
	}

	private String bareDefinition() {
		var model = Bpmn.createExecutableProcess(BARE)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Timer")
			.name("A day passed")
			.timerWithDuration("P1D")
			.endEvent()
			.name("Done")
			.done();
		engine.getRepositoryService()
			.createDeployment()
			.name(BARE)
			.addModelInstance(BARE + ".bpmn", model)
			.enableDuplicateFiltering(true)
			.deploy();
		return engine.getRepositoryService()
			.createProcessDefinitionQuery()
			.processDefinitionKey(BARE)
			.latestVersion()
			.singleResult()
			.getId();
	}

	private int count(String sql) {
		return jdbc.queryForObject(sql, Integer.class);
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
