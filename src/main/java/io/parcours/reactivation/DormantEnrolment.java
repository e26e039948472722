package io.parcours.reactivation;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.parcours.journey.ProcessKeys;
import io.parcours.reactivation.Enrolments.Enrolled;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * Starts the {@code reactivation} journey for a page of dormant contacts and records each
 * enrolment. The instances are started by definition id, looked up once per page; the
 * journey begins with an asynchronous send, so a start only writes the instance and its
 * first job, and the emails go out later through the job executor at the provider's rate.
 * The instance carries no variable: its business key is the contact id, which is all its
 * steps need ({@code JourneyStep.contactId}), and each variable would cost three more
 * rows per contact (runtime, history, history detail).
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

	/** Enrols every contact of the page; returns how many. */
	int enrol(String sweepId, List<String> contactIds, Instant now) {
		String journey = repository.createProcessDefinitionQuery()
			.processDefinitionKey(ProcessKeys.REACTIVATION)
			.latestVersion()
			.singleResult()
			.getId();
		List<Enrolled> enrolled = new ArrayList<>(contactIds.size());
		for (String contactId : contactIds) {
			String instance = runtime.startProcessInstanceById(journey, contactId).getId();
			enrolled.add(new Enrolled(contactId, instance));
		}
		enrolments.insertAll(sweepId, enrolled, now);
		return enrolled.size();
	}

}
