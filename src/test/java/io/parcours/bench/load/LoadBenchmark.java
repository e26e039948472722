package io.parcours.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import io.parcours.bench.load.LoadRun.Result;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bench/load.sh}: drives {@code POST /api/events} of a node in its own JVM, on H2
 * then on PostgreSQL, and writes the figures to {@code bench/results/load.md}.
 */
public final class LoadBenchmark {

	private static final Logger log = LoggerFactory.getLogger(LoadBenchmark.class);

	private LoadBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		LoadSettings settings = LoadSettings.fromEnvironment();
		String before = machine();
		List<Result> results = new ArrayList<>();
		for (String key : settings.databases()) {
			try (BenchDatabase database = BenchDatabase.of(key)) {
				log.info("Benchmark on {}", database.name());
				results.add(new LoadRun(settings, database).run(key));
			}
		}
		Path report = LoadReport.write(settings, results, before, machine());
		log.info("Figures written to {}", report);
		System.out.println(Files.readString(report));
		System.exit(0);
	}

	/** Cores and load average, so that a reader knows what else ran on the machine. */
	static String machine() throws IOException {
		String load = Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
		return Runtime.getRuntime().availableProcessors() + " cores, load average " + load;
	}

}
