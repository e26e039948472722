package io.parcours.config;

import java.util.ArrayList;
import java.util.List;

import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;

/**
 * Puts an interceptor around the engine's whole command, transaction included: it sees
 * what the command threw once its transaction is rolled back, and may run it again.
 */
final class OuterCommandInterceptors {

	private OuterCommandInterceptors() {
	}

	static void addFirst(SpringProcessEngineConfiguration configuration, CommandInterceptor interceptor) {
		List<CommandInterceptor> interceptors = new ArrayList<>();
		if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
			interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
		}
		interceptors.add(0, interceptor);
		configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
	}

}
