package io.parcours.bench.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.parcours.FakeProviders;

/** Parameters of the fault scenarios, from environment variables. */
record FaultSettings(String scenario, String database, String jar, int port, double rate, Duration burst,
		Duration faultAfter, Duration outage, String nodeHeap, Path results, Path logs) {

	static FaultSettings fromEnvironment() {
		return new FaultSettings(env("BENCH_SCENARIO", "kill"), env("BENCH_DATABASE", "postgres"), env("BENCH_JAR", ""),
				Integer.parseInt(env("BENCH_PORT", "8189")), Double.parseDouble(env("BENCH_RATE", "30")),
				Duration.ofSeconds(Long.parseLong(env("BENCH_BURST_SECONDS", "120"))),
				Duration.ofSeconds(Long.parseLong(env("BENCH_FAULT_AFTER_SECONDS", "15"))),
				Duration.ofSeconds(Long.parseLong(env("BENCH_OUTAGE_SECONDS", "30"))), env("BENCH_NODE_HEAP", "512m"),
				Path.of(env("BENCH_RESULTS", "bench/results")),
				Path.of(env("BENCH_LOGS", System.getProperty("java.io.tmpdir"))));
	}

	/**
	 * The node under test: the prod-like production settings that matter here, with the
	 * delays that make recovery observable within minutes (a day of journey time lasts
	 * one second; a dead node's jobs are free after 15 s instead of 2 min; unprocessed
	 * events are retried after 5 s instead of 30 s).
	 */
	List<String> nodeArgs(String jdbcUrl, String user, FakeProviders providers) {
		List<String> args = new java.util.ArrayList<>(List.of("--spring.datasource.url=" + jdbcUrl,
				"--spring.datasource.username=" + user, "--spring.datasource.password=", "--parcours.demo.seed=false",
				"--parcours.time-compression=86400", "--parcours.time-compression-forced=true",
				"--camunda.bpm.job-execution.lock-time-in-millis=15000", "--parcours.events.retry-after=5s",
				"--parcours.events.retry-interval=2s"));
		args.addAll(providers.settings());
		return args;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

}
