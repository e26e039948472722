package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.hamcrest.Matchers.contains;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.sales.SalesVariables;
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
import org.springframework.test.web.servlet.MockMvc;

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

	@Autowired
	MockMvc mvc;

	@Test
	void keepsCurrentValuesAndScoreChangesButNotEveryChangeOfEveryVariable() {
		String instance = start(TestContacts.newId("c"));
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

	/** The contact view charts the score's changes, not the sales decision's. */
	@Test
	void theContactViewChartsTheScoreOnly() throws Exception {
		String contactId = TestContacts.newId("c");
		String instance = start(contactId);
		runtime.setVariable(instance, LeadVariables.LEAD_SCORE, 40);
		runtime.setVariable(instance, SalesVariables.DECISION, "accepted");

		mvc.perform(get("/api/contacts/{id}/journeys", contactId).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scores[*].value").value(contains(40)));
	}

	/** A journey waiting for its timer's job. */
	private String start(String contactId) {
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
		return runtime.startProcessInstanceByKey(key, contactId, Map.of("step", "first")).getId();
	}

}
