package io.parcours;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;

/**
 * The engine REST API and the Camunda webapps find their engine by name in a JVM-wide
 * registry, where every cached test context registers its own "default" engine: tests
 * that call them over HTTP first make sure the name points to their context's engine.
 */
public final class EngineRegistry {

	private EngineRegistry() {
	}

	public static void useForHttp(ProcessEngine engine) {
		ProcessEngines.registerProcessEngine(engine);
	}

}
