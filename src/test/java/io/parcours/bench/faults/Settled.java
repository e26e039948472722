package io.parcours.bench.faults;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.parcours.FakeProviders;
import io.parcours.Recount;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Waits until the node has caught up after a fault (every accepted event processed, every
 * journey of the burst finished), then counts.
 */
final class Settled {

	private Settled() {
	}

	static Recount await(JdbcClient jdbc, Burst burst, FakeProviders providers, Duration timeout)
			throws InterruptedException {
		Instant deadline = Instant.now().plus(timeout);
		List<String> events = List.copyOf(burst.acceptedEvents);
		List<String> contacts = List.copyOf(burst.signedUp);
		Recount recount = Recount.of(jdbc, events, contacts, providers.requestsByMessageId());
		while (Instant.now().isBefore(deadline)
				&& (!recount.eventsNotProcessed().isEmpty() || recount.journeysEnded() < recount.journeys())) {
			Thread.sleep(2000);
			recount = Recount.of(jdbc, events, contacts, providers.requestsByMessageId());
		}
		return recount;
	}

}
