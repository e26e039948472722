package io.parcours.config;

import org.camunda.bpm.engine.impl.cmd.AbstractUpdateProcessInstancesSuspendStateCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessDefinitionCmd;
import org.camunda.bpm.engine.impl.cmd.ActivateProcessInstanceCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Tells {@link JourneysResumed} when ops resume suspended journeys, in Cockpit or through
 * the engine REST API: the engine has no event for it.
 */
@Component
class ResumeWatch extends AbstractCamundaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(ResumeWatch.class);

	private final ObjectProvider<JourneysResumed> listeners;

	ResumeWatch(ObjectProvider<JourneysResumed> listeners) {
		this.listeners = listeners;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		OuterCommandInterceptors.addFirst(configuration, new CommandInterceptor() {

			@Override
			public <T> T execute(Command<T> command) {
				T result = next.execute(command);
				if (resumes(command)) {
					try {
						listeners.forEach(JourneysResumed::resumed);
					}
					catch (RuntimeException e) {
						// the journeys are resumed: what waits for them is retried anyway
						log.warn("Could not pass on that journeys were resumed: {}", e.toString());
					}
				}
				return result;
			}

		});
	}

	/** Suspending too, for a batch: telling the listeners then is harmless. */
	private static boolean resumes(Command<?> command) {
		return command instanceof ActivateProcessInstanceCmd || command instanceof ActivateProcessDefinitionCmd
				|| command instanceof AbstractUpdateProcessInstancesSuspendStateCmd;
	}

}
