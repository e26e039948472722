package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import javax.sql.DataSource;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.AcquireJobsCmd;
import org.camunda.bpm.engine.impl.jobexecutor.AcquiredJobs;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Job acquisition reads the due-date index instead of the whole job table: every job has
 * a due date, the index exists, and the database plans the acquisition's filter on it.
 */
@ParcoursTest
class JobAcquisitionIndexIntegrationTests {

	static final String KEY = "job-acquisition-index-test";

	@Autowired
	ProcessEngine engine;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	DataSource dataSource;

	@Autowired
	JobAcquisitionIndex jobAcquisitionIndex;

	JdbcClient jdbc;

	@BeforeEach
	void deploy() {
		jdbc = JdbcClient.create(dataSource);
		repository.createDeployment()
			.addModelInstance(KEY + ".bpmn",
					Bpmn.createExecutableProcess(KEY)
						.camundaHistoryTimeToLive(1)
						.startEvent()
						.name("Started")
						.userTask("Task_Later")
						.name("Do it later")
						.camundaAsyncBefore()
						.endEvent()
						.name("Done")
						.done())
			.enableDuplicateFiltering(true)
			.deploy();
	}

	@Test
	void anAsyncStepIsDueWhenCreated() {
		Job job = jobOf(runtime.startProcessInstanceByKey(KEY, io.parcours.TestContacts.newId("c")).getId());

		assertThat(
				((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).isEnsureJobDueDateNotNull())
			.isTrue();
		assertThat(job.getDuedate()).isNotNull();
	}

	@Test
	void aJobLeftWithoutDueDateBeforeTheUpgradeBecomesDueAtStart() {
		String instance = runtime.startProcessInstanceByKey(KEY, io.parcours.TestContacts.newId("c")).getId();
		jdbc.sql("update ACT_RU_JOB set DUEDATE_ = null where PROCESS_INSTANCE_ID_ = ?").param(instance).update();

		jobAcquisitionIndex.postProcessEngineBuild(engine);

		assertThat(jobOf(instance).getDuedate()).isNotNull();
	}

	/**
	 * A backlog (a restart after a crash, a sweep's first emails) is worked through
	 * oldest first: a step due for long does not wait behind every newer one.
	 */
	@Test
	void theJobsDueForLongestAreAcquiredFirst() {
		List<String> instances = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			instances.add(runtime.startProcessInstanceByKey(KEY, io.parcours.TestContacts.newId("c")).getId());
		}
		List<String> shuffled = new ArrayList<>(instances);
		Collections.shuffle(shuffled, new Random(7));
		for (int day = 0; day < shuffled.size(); day++) {
			jdbc.sql("update ACT_RU_JOB set DUEDATE_ = ? where PROCESS_INSTANCE_ID_ = ?")
				.params(Timestamp.from(Instant.parse("2000-01-01T00:00:00Z").plus(Duration.ofDays(day))),
						shuffled.get(day))
				.update();
		}
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		try {
			AcquiredJobs acquired = configuration.getCommandExecutorTxRequired()
				.execute(new AcquireJobsCmd(configuration.getJobExecutor(), 5));

			assertThat(acquired.getJobIdBatches()).flatExtracting(batch -> batch)
				.containsExactlyInAnyOrderElementsOf(
						shuffled.subList(0, 5).stream().map(id -> jobOf(id).getId()).toList());
		}
		finally {
			runtime.deleteProcessInstances(instances, "test", true, true);
		}
	}

	@Test
	void theAcquisitionFilterUsesTheDueDateIndex() throws SQLException {
		assertThat(indexesOfTheJobTable()).contains(JobAcquisitionIndex.INDEX);

		String plan = jdbc
			.sql("explain select RES.ID_ from ACT_RU_JOB RES where RES.RETRIES_ > 0 "
					+ "and RES.DUEDATE_ <= current_timestamp "
					+ "and (RES.LOCK_OWNER_ is null or RES.LOCK_EXP_TIME_ < current_timestamp) "
					+ "and RES.SUSPENSION_STATE_ = 1 order by RES.PRIORITY_ desc, RES.DUEDATE_ asc limit 3")
			.query(String.class)
			.single();
		assertThat(plan).contains(JobAcquisitionIndex.INDEX + ": DUEDATE_ <=");
	}

	private List<String> indexesOfTheJobTable() throws SQLException {
		List<String> names = new ArrayList<>();
		try (Connection connection = dataSource.getConnection();
				ResultSet indexes = connection.getMetaData().getIndexInfo(null, null, "ACT_RU_JOB", false, false)) {
			while (indexes.next()) {
				names.add(indexes.getString("INDEX_NAME"));
			}
		}
		return names;
	}

	private Job jobOf(String instance) {
		return management.createJobQuery().processInstanceId(instance).singleResult();
	}

}
