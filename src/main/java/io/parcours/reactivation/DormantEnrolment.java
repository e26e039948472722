package io.parcours.reactivation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.parcours.journey.CheckedStarts;
import io.parcours.journey.ProcessKeys;
import io.parcours.reactivation.Enrolments.Enrolled;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code reactivation} journey for a page of dormant contacts and records each
 * enrolment. The instances are started by definition id, looked up once per page, with no
 * stored variable: the business key is the contact id, which is all their steps need
 * ({@code JourneyStep.contactId}), and each variable would cost three rows per contact.
 * <p>
 * Each journey is handed its sending slot ({@link ReactivationStart}): {@code sendAt}, a
 * transient variable (never stored) read by its first timer, one slot after the other at
 * the sweep's pace. So 100 000 enrolments do not become 100 000 sends due at once: the
 * job executor finds a few reactivation jobs due at any moment, beside the other
 * journeys' jobs, and each journey's later steps keep the rhythm of its first.
 */
@Component
class DormantEnrolment {

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final Enrolments enrolments;

	DormantEnrolment(RuntimeService runtime, RepositoryService repository, Enrolments enrolments) {
		this.runtime = runtime;
		this.repository = repository;
		this.enrolments = enrolments;
	}

	/**
	 * Enrols every contact of the page, the first one sending at {@code firstSlot}, the
	 * next ones each {@code interval} later; returns the next free slot.
	 */
	Instant enrol(String sweepId, List<String> contactIds, Instant now, Instant firstSlot, Duration interval) {
		String journey = repository.createProcessDefinitionQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.latestVersion()
			.singleResult()
			.getId();
		List<Enrolled> enrolled = new ArrayList<>(contactIds.size());
		Instant slot = firstSlot;
		for (String contactId : contactIds) {
			Instant sendAt = slot;
			String instance = CheckedStarts
				.run(() -> runtime.startProcessInstanceById(journey, contactId, ReactivationStart.variables(sendAt)))
				.getId();
			enrolled.add(new Enrolled(contactId, instance));
			slot = slot.plus(interval);
		}
		enrolments.insertAll(sweepId, enrolled, now);
		return slot;
	}

}
