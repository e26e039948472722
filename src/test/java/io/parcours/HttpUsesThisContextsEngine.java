package io.parcours;

import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Before each test, the engine REST API and the webapps (which find their engine by name
 * in a JVM-wide registry) are pointed at this test context's engine: a context with
 * settings of its own registers its engine under the same name, and a later test calling
 * over HTTP would otherwise reach that other context's engine.
 */
public class HttpUsesThisContextsEngine implements TestExecutionListener {

	@Override
	public void beforeTestMethod(TestContext testContext) {
		if (testContext.hasApplicationContext()) {
			testContext.getApplicationContext()
				.getBeanProvider(ProcessEngine.class)
				.ifAvailable(EngineRegistry::useForHttp);
		}
	}

}
