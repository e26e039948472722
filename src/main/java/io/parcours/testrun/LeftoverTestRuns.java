package io.parcours.testrun;

import java.time.Clock;
import java.time.Duration;

import io.parcours.contact.ContactErased;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * A test run removes its traces when it ends; a node stopped or killed during a run
 * cannot. Such a run, still marked running long after any run ends, is closed and its
 * test contact removed with everything it left (a copy of a real person's email, phone
 * and name included), on whichever node looks first. A person erased takes the test
 * contacts copied from them too, whatever state their run is in.
 */
@Component
class LeftoverTestRuns {

	private static final Logger log = LoggerFactory.getLogger(LeftoverTestRuns.class);

	/** Far beyond the longest run a request can ask for (50 events, 50 variables). */
	static final Duration LONGEST_RUN = Duration.ofMinutes(15);

	private final TestRuns runs;

	private final TestRunCleanup cleanup;

	private final Clock clock;

	LeftoverTestRuns(TestRuns runs, TestRunCleanup cleanup, Clock clock) {
		this.runs = runs;
		this.cleanup = cleanup;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${parcours.test-runs.leftover-check:1m}", initialDelayString = "PT20S")
	void removeLeftovers() {
		for (TestRuns.Started run : runs.runningSince(clock.instant().minus(LONGEST_RUN))) {
			if (runs.abandon(run.id())) {
				log.warn("Test run {} was left running (its node stopped during the run): test contact {} removed",
						run.id(), run.contactId());
				cleanup.remove(run.contactId());
			}
		}
	}

	@EventListener
	void eraseCopies(ContactErased erased) {
		runs.copiedFrom(erased.contactId()).forEach(cleanup::remove);
		runs.forget(erased.contactId());
	}

}
