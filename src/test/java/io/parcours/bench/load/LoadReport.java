package io.parcours.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the figures of a benchmark run as Markdown, for people and for the README. */
final class LoadReport {

	private LoadReport() {
	}

	static Path write(LoadSettings settings, List<LoadRun.Result> results, String machineBefore, String machineAfter)
			throws IOException {
		List<String> lines = new ArrayList<>(List.of("# Load benchmark: POST /api/events", "",
				"Run " + Instant.now() + " by `bench/load.sh`. Machine: " + machineBefore + "; after the run: "
						+ machineAfter + ".",
				"Node: its own JVM (`-Xmx" + settings.nodeHeap() + "`, G1), `log` providers, INFO logging to a file, "
						+ "time compression " + settings.timeCompression() + ". The load generator (java.net.http, "
						+ "open loop) runs on the same machine and its CPU is shown.",
				"Mix: " + EventMix.DESCRIPTION + ".",
				"Targets: " + (int) settings.targetRate() + " events/s sustained with p99 under "
						+ (int) settings.p99TargetMillis() + " ms; at least " + settings.targetRatio()
						+ " of the bare engine's capacity.",
				""));
		results.forEach(result -> lines.addAll(section(settings, result)));
		Path file = settings.results().resolve("load.md");
		Files.createDirectories(settings.results());
		Files.write(file, lines);
		return file;
	}

	private static List<String> section(LoadSettings settings, LoadRun.Result result) {
		List<String> lines = new ArrayList<>();
		StepResult parcours = result.parcoursCapacity();
		StepResult bare = result.bareCapacity();
		double ratio = parcours.achievedRate() / bare.achievedRate();
		double sustained = result.steps()
			.stream()
			.filter(step -> step.sustained(settings.p99TargetMillis()))
			.mapToDouble(StepResult::targetRate)
			.max()
			.orElse(0);
		lines.add("## " + result.database());
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"Capacity (%d callers, closed loop): **%.0f events/s** through our API (p50 %.1f ms, p99 %.1f ms); "
						+ "bare engine, the same number of start messages to a trivial process through the engine REST API: "
						+ "**%.0f correlations/s** (p50 %.1f ms, p99 %.1f ms). **Ratio %.2f** (target ≥ %.1f: %s).",
				settings.callers(), parcours.achievedRate(), parcours.p50(), parcours.p99(), bare.achievedRate(),
				bare.p50(), bare.p99(), ratio, settings.targetRatio(),
				ratio >= settings.targetRatio() ? "met" : "missed"));
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"Highest rate sustained (no error, ≥ 97 %% of the asked rate, p99 ≤ %.0f ms, job backlog under 2 s): "
						+ "**%.0f events/s** (target %.0f: %s). Job backlog drained %.0f s after the last step.",
				settings.p99TargetMillis(), sustained, settings.targetRate(),
				sustained >= settings.targetRate() ? "met" : "missed", result.drainSeconds()));
		lines.add("");
		lines.add("| asked /s | achieved /s | errors | p50 ms | p90 ms | p99 ms | max ms | journeys started /s "
				+ "| messages sent /s | job backlog | node CPU (cores) | node heap max MB | generator CPU (cores) |");
		lines.add("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
		for (int i = 0; i < result.steps().size(); i++) {
			StepResult s = result.steps().get(i);
			WindowCounts c = result.counts().get(i);
			lines.add(String.format(Locale.ROOT,
					"| %.0f | %.0f | %d | %.1f | %.1f | %.1f | %.0f | %.0f | %.0f | %d | %.2f | %.0f | %.2f |",
					s.targetRate(), s.achievedRate(), s.failed(), s.p50(), s.p90(), s.p99(), s.max(),
					c.journeysStartedPerSecond(), c.messagesSentPerSecond(), s.jobBacklog(), s.nodeCores(),
					s.nodeHeapMb(), s.generatorCores()));
		}
		lines.add("");
		lines.add(String.format(Locale.ROOT,
				"During the capacity runs the node used %.2f cores (ours) and %.2f cores (bare engine); the generator %.2f and %.2f.",
				parcours.nodeCores(), bare.nodeCores(), parcours.generatorCores(), bare.generatorCores()));
		if (result.lastFailure() != null) {
			lines.add("");
			lines.add("Last error answer: `" + result.lastFailure().replace('\n', ' ').replace("`", "'") + "`");
		}
		lines.add("");
		return lines;
	}

}
