package io.parcours;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two starts of the application on the same H2 file: the second finds the running journey
 * where the first left it, and deploys nothing new.
 */
class RestartIntegrationTests {

	@Test
	void aRestartLosesNoJourneyAndDeploysNoNewVersion(@TempDir Path data) {
		String url = "jdbc:h2:file:" + data.resolve("parcours") + ";LOCK_TIMEOUT=10000";
		String journeyId;
		long deployments;
		try (ConfigurableApplicationContext first = start(url)) {
			first.getBean(EventIngestion.class)
				.accept(new EventRequest("restart-1", EventType.SIGNED_UP, "c-restart", null,
						new io.parcours.contact.ContactDetails("r@example.com", null, "Rémi", "fr-FR", "Europe/Paris",
								Map.of(io.parcours.contact.Channel.EMAIL, true)),
						Map.of()));
			ProcessEngine engine = first.getBean(ProcessEngine.class);
			ProcessInstance journey = engine.getRuntimeService()
				.createProcessInstanceQuery()
				.processInstanceBusinessKey("c-restart")
				.singleResult();
			journeyId = journey.getId();
			executeOnlyJob(engine.getManagementService(), journeyId);
			deployments = engine.getRepositoryService().createDeploymentQuery().count();
		}

		try (ConfigurableApplicationContext second = start(url)) {
			ProcessEngine engine = second.getBean(ProcessEngine.class);
			RuntimeService runtime = engine.getRuntimeService();
			assertThat(runtime.getActiveActivityIds(journeyId)).containsExactly("Event_TwoDaysPassed");
			assertThat(engine.getRepositoryService().createDeploymentQuery().count()).isEqualTo(deployments);
			assertThat(engine.getRepositoryService()
				.createProcessDefinitionQuery()
				.processDefinitionKey("welcome")
				.singleResult()
				.getVersion()).isOne();

			executeOnlyJob(engine.getManagementService(), journeyId);
			assertThat(runtime.getActiveActivityIds(journeyId)).containsExactly("Task_SendGettingStartedEmail");
			assertThat(second.getBean(EventIngestion.class)
				.accept(new EventRequest("restart-1", EventType.SIGNED_UP, "c-restart", null, null, Map.of()))
				.duplicate()).isTrue();
		}
	}

	/**
	 * Its own engine name: engines register by name in a JVM-wide registry (the engine
	 * REST API looks them up there), and closing this one must not unregister the
	 * "default" engine of the test contexts cached beside it.
	 */
	private static ConfigurableApplicationContext start(String url) {
		return new SpringApplicationBuilder(ParcoursApplication.class).profiles("test")
			.run("--spring.datasource.url=" + url, "--server.port=0", "--camunda.bpm.process-engine-name=restart",
					"--camunda.bpm.webapp.enabled=false");
	}

	private static void executeOnlyJob(ManagementService management, String journeyId) {
		management.executeJob(management.createJobQuery().processInstanceId(journeyId).singleResult().getId());
	}

}
