package io.parcours.channel;

import java.time.Clock;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A message whose journey ended while its provider call was in flight (an order arrived)
 * has no job left to settle it: a node stopped during that call leaves it SENDING for
 * good, a provider failure during it leaves it waiting for a retry that never comes. Once
 * its journey is gone and the row has not moved for longer than any provider call lasts,
 * it is settled: UNKNOWN (counted, never sent again), or skipped.
 */
@Component
class UnsettledMessages {

	private static final Logger log = LoggerFactory.getLogger(UnsettledMessages.class);

	/** Far beyond the providers' time-outs: the call, if any, is over. */
	static final Duration QUIET_FOR = Duration.ofMinutes(10);

	private final Messages messages;

	private final Clock clock;

	UnsettledMessages(Messages messages, Clock clock) {
		this.messages = messages;
		this.clock = clock;
	}

	// soon after a start too: a node restarting more often than the interval (a crash
	// loop) would otherwise never settle them
	@Scheduled(fixedDelayString = "${parcours.messages.settle-interval:5m}",
			initialDelayString = "${parcours.messages.settle-first-after:1m}")
	void settle() {
		int[] settled = messages.settleOfEndedJourneys(clock.instant().minus(QUIET_FOR));
		if (settled[0] > 0) {
			log.warn(
					"{} messages of ended journeys were interrupted during the provider call: outcome unknown,"
							+ " not resent ({} messages with an unknown outcome)",
					settled[0], messages.count(MessageStatus.UNKNOWN));
		}
		if (settled[1] > 0) {
			log.info("{} messages of ended journeys no longer wait for a retry: skipped", settled[1]);
		}
	}

}
