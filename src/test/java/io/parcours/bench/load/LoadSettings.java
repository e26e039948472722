package io.parcours.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/** The benchmark's parameters, from environment variables (defaults in brackets). */
record LoadSettings(List<String> databases, List<Double> rates, Duration step, Duration warmUp, Duration capacity,
		int callers, String nodeHeap, List<String> nodeJvmOptions, int port, String timeCompression,
		double p99TargetMillis, double targetRate, double targetRatio, Path results, Path logs) {

	static LoadSettings fromEnvironment() {
		return new LoadSettings(list("BENCH_DATABASES", "h2,postgres"),
				list("BENCH_RATES", "10,25,50,75,100,150,200,300,400,500,650").stream().map(Double::valueOf).toList(),
				Duration.ofSeconds(number("BENCH_STEP_SECONDS", 20)),
				Duration.ofSeconds(number("BENCH_WARMUP_SECONDS", 45)),
				Duration.ofSeconds(number("BENCH_CAPACITY_SECONDS", 20)), number("BENCH_CALLERS", 16),
				env("BENCH_NODE_HEAP", "512m"),
				Arrays.stream(env("BENCH_NODE_JVM_OPTIONS", "").split("\\s+")).filter(s -> !s.isEmpty()).toList(),
				number("BENCH_PORT", 8188), env("BENCH_TIME_COMPRESSION", "1"), 100, 500, 0.7,
				Path.of(env("BENCH_RESULTS", "bench/results")),
				Path.of(env("BENCH_LOGS", System.getProperty("java.io.tmpdir"))));
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return value == null || value.isBlank() ? fallback : value;
	}

	private static int number(String name, int fallback) {
		return Integer.parseInt(env(name, Integer.toString(fallback)));
	}

	private static List<String> list(String name, String fallback) {
		return Arrays.stream(env(name, fallback).split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
	}

}
