package io.parcours.event;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Processes again the stored events that were not processed: failed attempts, or a node
 * stopped mid-way.
 */
@Component
class PendingEvents {

	static final int BATCH = 200;

	private final InboundEvents events;

	private final EventIngestion ingestion;

	private final Clock clock;

	PendingEvents(InboundEvents events, EventIngestion ingestion, Clock clock) {
		this.events = events;
		this.ingestion = ingestion;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parcours.events.retry-interval:10s}",
			initialDelayString = "${parcours.events.retry-interval:10s}")
	void processDue() {
		events.due(clock.instant(), BATCH).forEach(ingestion::process);
	}

}
