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
import io.parcours.TcpProxy;
import io.parcours.TestPostgres;
import io.parcours.bench.load.LoadGenerator;
import io.parcours.bench.load.NodeProcess;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL unreachable for a while (the relay between node and database cut) during a
 * burst: the node must answer 503 with Retry-After instead of accepting, recover by
 * itself, and lose nothing it accepted.
 */
final class OutageScenario {

	private final FaultSettings settings;

	OutageScenario(FaultSettings settings) {
		this.settings = settings;
	}

	List<String> run() throws Exception {
		try (FakeProviders providers = new FakeProviders();
				EmbeddedPostgres postgres = TestPostgres.startDurable(100);
				TcpProxy relay = new TcpProxy("127.0.0.1", postgres.getPort());
				LoadGenerator generator = new LoadGenerator("demo", "demo")) {
			NodeProcess node = NodeProcess.start(settings.nodeHeap(), List.of(), NodeProcess.launch(settings.jar()),
					settings.nodeArgs(TestPostgres.url(relay.port(), "postgres"), TestPostgres.USER, providers),
					settings.port(), "demo", "demo", settings.logs().resolve("parcours-outage-test-node.log"),
					Duration.ofMinutes(5));
			Burst burst = new Burst(node.uri("/api/events"), "outage" + (System.currentTimeMillis() % 100000));
			ExecutorService background = Executors.newSingleThreadExecutor();
			Future<LoadGenerator.Outcome> load = background
				.submit(() -> generator.openLoop(burst, settings.rate(), settings.burst()));
			burst.awaitFlowing(settings.faultAfter(), settings.rate());
			relay.cut();
			int cutAt = burst.second();
			Thread.sleep(settings.outage().toMillis());
			relay.restore();
			int restoredAt = burst.second();
			LoadGenerator.Outcome outcome = load.get();
			background.shutdown();
			Recount recount = Settled.await(JdbcClient.create(postgres.getPostgresDatabase()), burst, providers,
					Duration.ofMinutes(4));
			node.close();
			return new ArrayList<>(List.of("# Fault: database unreachable during a burst", "",
					"Run " + Instant.now() + " by `bench/outage-test.sh` (PostgreSQL embedded with fsync on, reached "
							+ "through a TCP relay that is cut, then restored; fake SendGrid and Twilio).",
					"", FaultReport.burst(settings, outcome), "",
					FaultReport.outage(burst, cutAt, restoredAt, settings.burst()), "", FaultReport.statuses(burst), "",
					"## Recount once the node caught up", "", recount.report(), ""));
		}
	}

}
