package io.parcours.bench.load;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark on one database: a node started on it, warmed up, its capacity measured
 * for our events and for the bare engine, then events at increasing rates; finally the
 * node stopped and its database counted per step.
 */
final class LoadRun {

	private static final Logger log = LoggerFactory.getLogger(LoadRun.class);

	record Result(String database, StepResult parcoursCapacity, StepResult bareCapacity, List<StepResult> steps,
			List<WindowCounts> counts, double drainSeconds, String lastFailure) {
	}

	private final LoadSettings settings;

	private final BenchDatabase database;

	LoadRun(LoadSettings settings, BenchDatabase database) {
		this.settings = settings;
		this.database = database;
	}

	Result run(String key) throws Exception {
		String run = key + Long.toString(System.currentTimeMillis() % 1_000_000, 36);
		List<StepResult> steps = new ArrayList<>();
		StepResult parcours;
		StepResult bare;
		double drainSeconds;
		String lastFailure;
		Path log = settings.logs().resolve("parcours-bench-node-" + key + ".log");
		try (NodeProcess node = NodeProcess.start(settings.nodeHeap(), settings.nodeJvmOptions(),
				NodeProcess.launch(null), nodeArgs(), settings.port(), "demo", "demo", log, Duration.ofMinutes(5));
				LoadGenerator generator = new LoadGenerator("demo", "demo")) {
			if (node.deploy("bench-trivial", BareEngineCalls.BPMN) != 200) {
				throw new IllegalStateException("The trivial process could not be deployed");
			}
			EventMix mix = new EventMix(node.uri("/api/events"), run);
			BareEngineCalls bareCalls = new BareEngineCalls(node.uri("/engine-rest/message"), run);
			LoadRun.log.info("Warming up on {}", database.name());
			generator.openLoop(mix, 100, settings.warmUp());
			generator.openLoop(bareCalls, 100, settings.warmUp());
			awaitDrain(node);

			parcours = measure(node, "capacity: Parcours events", 0,
					() -> generator.closedLoop(mix, settings.callers(), settings.capacity(), Integer.MAX_VALUE));
			awaitDrain(node);
			bare = measure(node, "capacity: bare engine", 0, () -> generator.closedLoop(bareCalls, settings.callers(),
					settings.capacity().multipliedBy(4), parcours.succeeded()));
			lastFailure = stepUp(node, generator, mix, steps);
			drainSeconds = awaitDrain(node);
		}
		return new Result(database.name(), parcours, bare, steps, WindowCounts.of(database.jdbc(), steps), drainSeconds,
				lastFailure);
	}

	private String stepUp(NodeProcess node, LoadGenerator generator, EventMix mix, List<StepResult> steps)
			throws Exception {
		String lastFailure = null;
		for (double rate : settings.rates()) {
			LoadGenerator.Outcome[] outcome = new LoadGenerator.Outcome[1];
			StepResult step = measure(node, "events", rate,
					() -> outcome[0] = generator.openLoop(mix, rate, settings.step()));
			steps.add(step);
			lastFailure = outcome[0].lastFailure != null ? outcome[0].lastFailure : lastFailure;
			LoadRun.log.info("{}/s: {}/s achieved, p99 {} ms, backlog {}", rate, Math.round(step.achievedRate()),
					step.p99(), step.jobBacklog());
			if (step.achievedRate() < 0.8 * rate || step.p99() > 5000) {
				break;
			}
		}
		return lastFailure;
	}

	interface Load {

		LoadGenerator.Outcome run() throws Exception;

	}

	private StepResult measure(NodeProcess node, String phase, double rate, Load load) throws Exception {
		try (Sampler sampler = new Sampler(node)) {
			LoadGenerator.Outcome outcome = load.run();
			return sampler.result(phase, rate, outcome).withBacklog(node.jobBacklog());
		}
	}

	/** Waits (up to two minutes) until no job is due: seconds waited. */
	private static double awaitDrain(NodeProcess node) throws InterruptedException {
		Instant start = Instant.now();
		while (node.jobBacklog() > 0 && Duration.between(start, Instant.now()).toSeconds() < 120) {
			Thread.sleep(500);
		}
		return Duration.between(start, Instant.now()).toMillis() / 1000.0;
	}

	private List<String> nodeArgs() {
		List<String> args = new ArrayList<>(database.nodeArgs());
		// production logging (INFO, to a file): part of the cost of every event
		args.addAll(List.of("--parcours.time-compression=" + settings.timeCompression(), "--parcours.demo.seed=false"));
		return args;
	}

}
