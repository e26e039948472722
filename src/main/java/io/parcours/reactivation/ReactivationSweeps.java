package io.parcours.reactivation;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.parcours.journey.StepMisconfiguredException;

import org.camunda.bpm.engine.RuntimeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Finds the dormant customers and enrols them into the {@code reactivation} journey, one
 * page per call. Each page runs in the transaction of its engine job: the journeys it
 * starts, their enrolment rows and the sweep's advanced cursor commit together or not at
 * all, so a node stopping mid-page loses the page and the job's retry does it again from
 * the last committed cursor, enrolling nobody twice.
 */
@Service
public class ReactivationSweeps {

	private static final Logger log = LoggerFactory.getLogger(ReactivationSweeps.class);

	private final Sweeps sweeps;

	private final DormantContacts dormant;

	private final DormantEnrolment enrolment;

	private final Enrolments enrolments;

	private final RuntimeService runtime;

	private final ReactivationProperties properties;

	private final Clock clock;

	ReactivationSweeps(Sweeps sweeps, DormantContacts dormant, DormantEnrolment enrolment, Enrolments enrolments,
			RuntimeService runtime, ReactivationProperties properties, Clock clock) {
		this.sweeps = sweeps;
		this.enrolments = enrolments;
		this.dormant = dormant;
		this.enrolment = enrolment;
		this.runtime = runtime;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Opens the sweep: fixes the rules' cut-offs and counts the dormant contacts. Empty
	 * when another sweep is still running.
	 */
	@Transactional
	public Optional<Sweep> open(String sweepId, Integer pageSize) {
		Optional<Sweep> reopened = sweeps.find(sweepId);
		if (reopened.isPresent()) {
			return reopened;
		}
		releaseSlotOfVanishedSweep();
		Instant now = clock.instant();
		Instant dormantBefore = now.minus(properties.dormantAfter());
		Instant reentryAfter = now.minus(properties.reentryWindow());
		int found = dormant.count(dormantBefore, reentryAfter);
		if (!sweeps.open(sweepId, now, dormantBefore, reentryAfter, pageSize(pageSize), found)) {
			log.warn("Reactivation sweep {} not opened: sweep {} is still running", sweepId,
					sweeps.runningSweep().orElse("?"));
			return Optional.empty();
		}
		log.info("Reactivation sweep {} opened: {} dormant contacts found", sweepId, found);
		return sweeps.find(sweepId);
	}

	/** Enrols the next page of dormant contacts; the sweep ends with its last page. */
	@Transactional
	public Sweep enrolNextPage(String sweepId) {
		Sweep sweep = sweeps.lock(sweepId)
			.orElseThrow(() -> new IllegalStateException("Reactivation sweep " + sweepId + " was never opened"));
		if (!sweep.running()) {
			return sweep;
		}
		DormantContacts.Page page = dormant.page(sweep.cursor(), sweep.dormantBefore(), sweep.reentryAfter(),
				sweep.pageSize());
		// a sweep's first page queues after the slots an earlier sweep (cancelled, say)
		// still has to come, so that together they keep the pace
		Instant nextSlot = sweep.nextSendAt() != null ? sweep.nextSendAt() : sweeps.lastSlotOfOthers(sweepId);
		if (!page.dormant().isEmpty()) {
			Instant now = clock.instant();
			Instant firstSlot = nextSlot == null || nextSlot.isBefore(now) ? now : nextSlot;
			nextSlot = enrolment.enrol(sweepId, page.dormant(), now, firstSlot, properties.sendInterval());
		}
		if (!Objects.equals(page.cursor(), sweep.cursor())) {
			sweeps.advance(sweepId, page.cursor(), page.dormant().size(), nextSlot);
		}
		if (page.last()) {
			sweeps.finish(sweepId, clock.instant());
		}
		Sweep after = sweeps.find(sweepId).orElseThrow();
		log.info("Reactivation sweep {}: page {} enrolled {} contacts ({} of {} found so far){}", sweepId,
				after.pages(), after.enrolled() - sweep.enrolled(), after.enrolled(), after.found(),
				after.running() ? "" : "; sweep done");
		return after;
	}

	/**
	 * Records how a reactivation journey ended: reactivated when an order reached it,
	 * cancelled when ops or an erasure stopped it, else lapsed.
	 */
	@Transactional
	public void journeyEnded(String processInstanceId, boolean cancelled, boolean ordered) {
		String outcome = cancelled ? "cancelled" : ordered ? "reactivated" : "lapsed";
		enrolments.ended(processInstanceId, outcome, clock.instant());
	}

	int pageSize(Integer requested) {
		if (requested == null) {
			return properties.pageSize();
		}
		if (requested < 1 || requested > ReactivationProperties.MAX_PAGE_SIZE) {
			throw new StepMisconfiguredException("Reactivation sweep page size must be between 1 and "
					+ ReactivationProperties.MAX_PAGE_SIZE + ", not " + requested);
		}
		return requested;
	}

	/** The latest sweeps as they stand (one cancelled in Cockpit shows finished). */
	@Transactional
	public List<Sweep> latest(int limit) {
		releaseSlotOfVanishedSweep();
		return sweeps.latest(limit);
	}

	/** The sweep as it stands (finished if it was cancelled in Cockpit). */
	@Transactional
	public Optional<Sweep> progress(String sweepId) {
		releaseSlotOfVanishedSweep();
		return sweeps.find(sweepId);
	}

	/**
	 * A sweep cancelled in Cockpit never frees its running slot by itself: free it when
	 * its process instance is gone.
	 */
	private void releaseSlotOfVanishedSweep() {
		sweeps.runningSweep()
			.filter(holder -> runtime.createProcessInstanceQuery().processInstanceId(holder).count() == 0)
			.ifPresent(holder -> {
				log.warn("Reactivation sweep {} no longer runs (cancelled?): its running slot is freed", holder);
				sweeps.finish(holder, clock.instant());
			});
	}

}
