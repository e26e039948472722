package io.parcours.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * On a graceful stop (SIGTERM), the job executor stops taking jobs first, in the first
 * phase of the shutdown, so that the steps already running (a provider call, say) finish
 * and commit before the database pool closes under them, and no new one starts: without
 * it, the node kept starting sends for the whole grace period, then recorded those still
 * in flight as interrupted ("unknown") though the provider took them.
 */
@Component
class JobAcquisitionStopsFirst implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(JobAcquisitionStopsFirst.class);

	private final ProcessEngine engine;

	private volatile boolean running;

	JobAcquisitionStopsFirst(ProcessEngine engine) {
		this.engine = engine;
	}

	@Override
	public void start() {
		running = true;
	}

	@Override
	public void stop() {
		running = false;
		JobExecutor jobExecutor = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
			.getJobExecutor();
		if (jobExecutor != null && jobExecutor.isActive()) {
			jobExecutor.shutdown();
			log.info("Job executor stopped taking jobs: the steps running now finish before the node stops");
		}
	}

	@Override
	public boolean isRunning() {
		return running;
	}

	/**
	 * Before every other phase, the camundaTaskExecutor's and the web server's included.
	 */
	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

}
