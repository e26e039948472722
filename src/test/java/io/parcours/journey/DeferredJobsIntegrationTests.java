package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A step put off ({@link Deferral}) runs again when it says, however often, without using
 * its retries or raising an incident.
 */
@ParcoursTest
class DeferredJobsIntegrationTests {

	static final String KEY = "deferred-step-test";

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	RepositoryService repository;

	@Test
	void aDeferredStepKeepsItsRetriesAndRunsAgainWhenItSays() {
		String instance = start();
		Job job = jobOf(instance);
		int retries = job.getRetries();

		for (int attempt = 0; attempt < retries + 3; attempt++) {
			Instant notBefore = Instant.now().plusSeconds(42 + attempt);
			AlwaysDeferred.until = notBefore;
			assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(AlwaysDeferred.Later.class);

			Job deferred = jobOf(instance);
			assertThat(deferred.getRetries()).isGreaterThanOrEqualTo(retries);
			assertThat(deferred.getDuedate()).isEqualTo(Date.from(notBefore));
		}
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
	}

	private String start() {
		var model = Bpmn.createExecutableProcess(KEY)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.serviceTask("Task_Deferred")
			.camundaAsyncBefore()
			.camundaClass(AlwaysDeferred.class.getName())
			.endEvent()
			.done();
		repository.createDeployment().addModelInstance(KEY + ".bpmn", model).enableDuplicateFiltering(true).deploy();
		return runtime.startProcessInstanceByKey(KEY).getId();
	}

	private Job jobOf(String instance) {
		return management.createJobQuery().processInstanceId(instance).singleResult();
	}

	/** A step that is always put off until the time the test sets. */
	public static class AlwaysDeferred implements JavaDelegate {

		static volatile Instant until;

		@Override
		public void execute(DelegateExecution execution) {
			throw new Later(until);
		}

		static class Later extends RuntimeException implements Deferral {

			private final Instant notBefore;

			Later(Instant notBefore) {
				super("not before " + notBefore);
				this.notBefore = notBefore;
			}

			@Override
			public Instant until() {
				return notBefore;
			}

		}

	}

}
