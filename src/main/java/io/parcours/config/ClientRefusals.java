package io.parcours.config;

import io.parcours.journey.ClientRefusal;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine wraps whatever a task listener or a deployment's transform listener throws
 * in a generic exception, which its REST API answers with 500. A refusal of what the
 * client sent ({@link ClientRefusal}: a task input, a decision table) is handed back as
 * it was thrown, once the command's transaction is rolled back, so the REST API answers
 * 400 with its message.
 */
@Component
class ClientRefusals extends AbstractCamundaConfiguration {

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		OuterCommandInterceptors.addFirst(configuration, new Unwrapping());
	}

	static class Unwrapping extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			try {
				return next.execute(command);
			}
			catch (ProcessEngineException failure) {
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					if (cause instanceof ClientRefusal && cause instanceof ProcessEngineException refused) {
						throw refused;
					}
				}
				throw failure;
			}
		}

	}

}
