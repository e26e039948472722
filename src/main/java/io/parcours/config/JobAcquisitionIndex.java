package io.parcours.config;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Keeps job acquisition cheap when many journeys wait. Each reactivated contact waits
 * days on a timer, so a large base leaves hundreds of thousands of jobs, and the job
 * executor looks for due jobs several times a second. The engine has no index on the due
 * date, and its query ("no due date, or due by now") could not use one: every acquisition
 * read the whole job table (0.5 to 0.8 s on H2 with 200 000 jobs). Every job now gets a
 * due date (an async step is due when created) and the due date is indexed: 1 to 8 ms.
 */
@Component
class JobAcquisitionIndex extends AbstractCamundaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JobAcquisitionIndex.class);

	static final String INDEX = "PARCOURS_IDX_JOB_DUEDATE";

	private final JdbcClient jdbc;

	JobAcquisitionIndex(DataSource dataSource) {
		this.jdbc = JdbcClient.create(dataSource);
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		configuration.setEnsureJobDueDateNotNull(true);
		// within a priority, the step due for longest first: the acquisition sorts what
		// is due anyway, and without this a backlog (a restart after a crash, a sweep's
		// first emails) leaves some steps waiting behind every newer one
		configuration.setJobExecutorAcquireByDueDate(true);
	}

	/** After the engine made its tables; nodes sharing a database start one at a time. */
	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		jdbc.sql("create index if not exists " + INDEX + " on ACT_RU_JOB (DUEDATE_)").update();
		// jobs made before every job had a due date would never be found again
		int undated = jdbc
			.sql("update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) "
					+ "where DUEDATE_ is null")
			.update();
		if (undated > 0) {
			log.info("{} jobs without a due date are due now", undated);
		}
	}

}
