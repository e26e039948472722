package io.parcours.bench.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code bench/kill-test.sh} and {@code bench/outage-test.sh}: a fault during a burst of
 * events, then a recount; the report goes to {@code bench/results/}.
 */
public final class FaultScenarios {

	private FaultScenarios() {
	}

	public static void main(String[] args) throws Exception {
		FaultSettings settings = FaultSettings.fromEnvironment();
		List<String> report = switch (settings.scenario()) {
			case "kill" -> new KillScenario(settings).run();
			case "outage" -> {
				if (!settings.database().equals("postgres")) {
					throw new IllegalArgumentException(
							"The outage scenario cuts PostgreSQL off: BENCH_DATABASE=postgres");
				}
				yield new OutageScenario(settings).run();
			}
			default -> throw new IllegalArgumentException("BENCH_SCENARIO is kill or outage");
		};
		Files.createDirectories(settings.results());
		String suffix = settings.database().equals("postgres") ? "" : "-" + settings.database();
		Path file = settings.results().resolve(settings.scenario() + "-test" + suffix + ".md");
		Files.write(file, report);
		System.out.println(String.join("\n", report));
		System.exit(0);
	}

}
