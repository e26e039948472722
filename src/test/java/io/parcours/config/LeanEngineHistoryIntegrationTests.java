package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

@ParcoursTest
class LeanEngineHistoryIntegrationTests {

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Test
	void keepsCurrentValuesAndScoreChangesButNotEveryChangeOfEveryVariable() {
		String instance = start();
		runtime.setVariable(instance, "step", "second");
		runtime.setVariable(instance, LeadVariables.LEAD_SCORE, 40);
		runtime.setVariable(instance, LeadVariables.LEAD_SCORE, 42);
		management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

		assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(instance).list())
			.extracting(HistoricVariableInstance::getName, HistoricVariableInstance::getValue)
			.containsExactlyInAnyOrder(tuple("step", "second"), tuple(LeadVariables.LEAD_SCORE, 42));
		assertThat(history.createHistoricDetailQuery().processInstanceId(instance).variableUpdates().list())
			.map(update -> ((HistoricVariableUpdate) update).getVariableName())
			.containsExactly(LeadVariables.LEAD_SCORE, LeadVariables.LEAD_SCORE);
		assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance).list())
			.as("every step stays in the history")
			.hasSize(3);
		assertThat(history.createHistoricJobLogQuery().processInstanceId(instance).count())
			.as("a job created and run as planned leaves no log (a failed one does: DeliveryPolicyIntegrationTests)")
			.isZero();
	}

	/** A journey waiting for its timer's job. */
	private String start() {
		String key = "lean-history";
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_Waited")
			.name("A day passed")
			.timerWithDuration("P1D")
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment().addModelInstance(key + ".bpmn", model).enableDuplicateFiltering(true).deploy();
		return runtime.startProcessInstanceByKey(key, Map.of("step", "first")).getId();
	}

}
