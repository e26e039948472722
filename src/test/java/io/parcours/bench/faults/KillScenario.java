package io.parcours.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.parcours.FakeProviders;
import io.parcours.Recount;
import io.parcours.bench.load.LoadGenerator;
import io.parcours.bench.load.NodeProcess;

/**
 * A node killed with SIGKILL in the middle of a burst of events and timers, then
 * restarted on the same database: every event it had accepted must be processed, no
 * journey lost, no message sent twice (counted on the fake providers' side).
 */
final class KillScenario {

	private final FaultSettings settings;

	KillScenario(FaultSettings settings) {
		this.settings = settings;
	}

	List<String> run() throws Exception {
		try (FakeProviders providers = new FakeProviders();
				KillDatabase database = KillDatabase.of(settings.database());
				LoadGenerator generator = new LoadGenerator("demo", "demo")) {
			List<String> args = settings.nodeArgs(database.url(), database.user(), providers);
			NodeProcess first = start(args);
			Burst burst = new Burst(first.uri("/api/events"), "kill" + (System.currentTimeMillis() % 100000));
			ExecutorService background = Executors.newSingleThreadExecutor();
			Future<LoadGenerator.Outcome> load = background
				.submit(() -> generator.openLoop(burst, settings.rate(), settings.burst()));
			burst.awaitFlowing(settings.faultAfter(), settings.rate());
			System.out.printf("Killing the node: %d events asked, %d accepted%n", burst.asked(),
					burst.acceptedEvents.size());
			int acceptedBeforeKill = burst.acceptedEvents.size();
			int killedAt = burst.second();
			first.kill();
			Instant killed = Instant.now();
			NodeProcess second = start(args);
			int restartedAt = burst.second();
			Duration restart = Duration.between(killed, Instant.now());
			LoadGenerator.Outcome outcome = load.get();
			background.shutdown();
			Recount recount = Settled.await(database.jdbc(), burst, providers, Duration.ofMinutes(4));
			second.close();
			List<String> report = new ArrayList<>(List.of("# Fault: node killed with SIGKILL during a burst", "",
					"Run " + Instant.now() + " by `bench/kill-test.sh` (" + launchDescription() + ", " + database.name()
							+ ", fake SendGrid and Twilio counting requests per message).",
					"", FaultReport.burst(settings, outcome), "",
					"The node was killed (`kill -9`) at second " + killedAt + " of the burst, after accepting "
							+ acceptedBeforeKill + " events; restarted, it answered again " + restart.toSeconds()
							+ " s later (second " + restartedAt + "). Requests sent while it was down failed to "
							+ "connect and were not accepted.",
					"", FaultReport.statuses(burst), "", "## Recount once the restarted node caught up", "",
					recount.report(), ""));
			return report;
		}
	}

	private NodeProcess start(List<String> args) throws Exception {
		return NodeProcess.start(settings.nodeHeap(), List.of(), NodeProcess.launch(settings.jar()), args,
				settings.port(), "demo", "demo", settings.logs().resolve("parcours-kill-test-node.log"),
				Duration.ofMinutes(5));
	}

	private String launchDescription() {
		return settings.jar().isBlank() ? "the application from the class path" : "the packaged jar";
	}

}
