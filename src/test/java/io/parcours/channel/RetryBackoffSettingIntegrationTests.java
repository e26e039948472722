package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** PARCOURS_RETRY_BACKOFF sets the waits between a failing send's attempts. */
@ParcoursTest
@TestPropertySource(properties = "PARCOURS_RETRY_BACKOFF=PT2S,PT3S")
class RetryBackoffSettingIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Test
	void theBackoffIsTheSettings() {
		assertThat(
				((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getFailedJobRetryTimeCycle())
			.isEqualTo("PT2S,PT3S");
	}

}
