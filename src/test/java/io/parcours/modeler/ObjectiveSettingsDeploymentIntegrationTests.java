package io.parcours.modeler;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * Settings may give an objective to a journey not deployed yet: the journey a marketer
 * then deploys from the Modeler must be one the dashboard can measure by it, or the
 * dashboard would show it never met and the next start would refuse the settings.
 */
@ParcoursTest
@TestPropertySource(properties = "parcours.report.objectives.settings-test-journey.kpi=recovery-rate")
class ObjectiveSettingsDeploymentIntegrationTests {

	@Autowired
	RepositoryService repository;

	@Test
	void aJourneyTheSettingsObjectiveCannotMeasureIsRefusedNamingTheSetting() {
		var journey = Bpmn.createExecutableProcess("settings-test-journey")
			.name("Settings test journey")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.endEvent()
			.name("Done")
			.done();

		assertThatThrownBy(
				() -> repository.createDeployment().addModelInstance("settings-test-journey.bpmn", journey).deploy())
			.hasMessageContaining("The settings (parcours.report.objectives.settings-test-journey.kpi) give this"
					+ " journey the objective 'recovery-rate', which cannot be measured on this diagram: 'recovery-rate'")
			.hasMessageNotContaining("The journey's The settings")
			.hasMessageContaining("ask ops to change the setting");
	}

}
