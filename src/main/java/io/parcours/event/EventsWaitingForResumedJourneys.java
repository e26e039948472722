package io.parcours.event;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;

import io.parcours.config.JourneysResumed;

import org.springframework.stereotype.Component;

/**
 * Events that waited for a suspended journey are processed as soon as ops resume
 * journeys, not at their next retry: the resumed journey's overdue timers would otherwise
 * run first, as if the order never came.
 */
@Component
class EventsWaitingForResumedJourneys implements JourneysResumed {

	private final InboundEvents events;

	private final PendingEvents pending;

	private final Clock clock;

	EventsWaitingForResumedJourneys(InboundEvents events, PendingEvents pending, Clock clock) {
		this.events = events;
		this.pending = pending;
		this.clock = clock;
	}

	@Override
	public void resumed() {
		if (events.dueNowWaitingForSuspendedJourneys(clock.instant()) > 0) {
			// not on ops' call: a definition resumed may have many waiting
			CompletableFuture.runAsync(pending::processDue);
		}
	}

}
