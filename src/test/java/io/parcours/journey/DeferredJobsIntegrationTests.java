package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;

import io.parcours.ParcoursTest;
import io.parcours.channel.ProviderException;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.ProcessEngineImpl;
import org.camunda.bpm.engine.impl.ProcessEngineLogger;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.ExecuteJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.ExecuteJobHelper;
import org.camunda.bpm.engine.impl.jobexecutor.JobFailureCollector;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A step put off ({@link Deferral}) runs again when it says, however often, without using
 * its retries or raising an incident.
 */
@ParcoursTest
@ExtendWith(OutputCaptureExtension.class)
class DeferredJobsIntegrationTests {

	static final String KEY = "deferred-step-test";

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	RepositoryService repository;

	@Autowired
	ProcessEngine engine;

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

	@Test
	void theEngineLogsNoErrorForADeferralButStillForARealFailure(CapturedOutput output) {
		String instance = start();
		String jobId = jobOf(instance).getId();
		AlwaysDeferred.until = Instant.now().plusSeconds(60);

		runAsTheJobExecutorDoes(jobId);

		assertThat(jobOf(instance).getDuedate()).isEqualTo(Date.from(AlwaysDeferred.until));
		assertThat(output.getAll()).doesNotContain("ENGINE-16004", "ENGINE-14006");

		AlwaysDeferred.until = null;
		runAsTheJobExecutorDoes(jobId);

		assertThat(output.getAll()).contains("ENGINE-16004", "ENGINE-14006 Exception while executing job " + jobId);
	}

	/**
	 * A provider down is what the retries are for: the job executor warns, the engine
	 * logs no error; a bug still does.
	 */
	@Test
	void aProviderFailureTheRetriesAreForIsAWarningNotAnError(CapturedOutput output) {
		String instance = start();
		String jobId = jobOf(instance).getId();
		AlwaysDeferred.until = null;
		AlwaysDeferred.providerDown = true;
		try {
			runAsTheJobExecutorDoes(jobId);
		}
		finally {
			AlwaysDeferred.providerDown = false;
		}

		assertThat(output.getAll())
			.contains("ENGINE-14006 Exception while executing job " + jobId, "SendGrid answered 503")
			.doesNotContain("ENGINE-16004");
		assertThat(jobOf(instance).getRetries()).isLessThan(5);
	}

	@Test
	void aFailureWithoutMessageStillSaysWhatItWas() {
		var model = Bpmn.createExecutableProcess(KEY + "-npe")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_Fails")
			.name("Fail without message")
			.camundaAsyncBefore()
			.camundaClass(FailsWithoutMessage.class.getName())
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment()
			.addModelInstance(KEY + "-npe.bpmn", model)
			.enableDuplicateFiltering(true)
			.deploy();
		String instance = runtime.startProcessInstanceByKey(KEY + "-npe", io.parcours.TestContacts.newId("c")).getId();

		runAsTheJobExecutorDoes(jobOf(instance).getId());

		assertThat(jobOf(instance).getExceptionMessage()).isEqualTo("java.lang.NullPointerException");
	}

	/** A step failing as a bug does: no message. */
	public static class FailsWithoutMessage implements JavaDelegate {

		@Override
		public void execute(DelegateExecution execution) {
			throw new NullPointerException();
		}

	}

	/**
	 * What {@code ExecuteJobsRunnable} does for one job (it only unlocks jobs while the
	 * job executor is off, as in tests): execute, handle the failure, log it.
	 */
	private void runAsTheJobExecutorDoes(String jobId) {
		ProcessEngineConfigurationImpl configuration = ((ProcessEngineImpl) engine).getProcessEngineConfiguration();
		JobFailureCollector failure = new JobFailureCollector(jobId);
		try {
			ExecuteJobHelper.executeJob(jobId, configuration.getCommandExecutorTxRequired(), failure,
					new ExecuteJobsCmd(jobId, failure), configuration);
		}
		catch (RuntimeException ex) {
			if (ProcessEngineLogger.shouldLogJobException(configuration, failure.getJob())) {
				ExecuteJobHelper.LOGGING_HANDLER.exceptionWhileExecutingJob(jobId, ex);
			}
		}
	}

	private String start() {
		var model = Bpmn.createExecutableProcess(KEY)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_Deferred")
			.name("Deferred step")
			.camundaAsyncBefore()
			.camundaClass(AlwaysDeferred.class.getName())
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment().addModelInstance(KEY + ".bpmn", model).enableDuplicateFiltering(true).deploy();
		return runtime.startProcessInstanceByKey(KEY, io.parcours.TestContacts.newId("c")).getId();
	}

	private Job jobOf(String instance) {
		return management.createJobQuery().processInstanceId(instance).singleResult();
	}

	/**
	 * A step that is always put off until the time the test sets (or fails without one).
	 */
	public static class AlwaysDeferred implements JavaDelegate {

		static volatile Instant until;

		static volatile boolean providerDown;

		@Override
		public void execute(DelegateExecution execution) {
			if (providerDown) {
				throw new ProviderException.Transient("SendGrid answered 503", null);
			}
			if (until == null) {
				throw new IllegalStateException("a real failure");
			}
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
