package io.parcours.config;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A user completing a task at the moment one of its timers fires (the escalation of
 * "Qualify hot lead") collides with the timer's job in the database: the engine rolls the
 * completion back with an optimistic locking failure, which its REST API answers with
 * 500. The whole command was rolled back, so it is simply run again, a few times.
 */
@Component
class TaskCompletionRetry extends AbstractCamundaConfiguration {

	static final int ATTEMPTS = 3;

	private static final Logger log = LoggerFactory.getLogger(TaskCompletionRetry.class);

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		OuterCommandInterceptors.addFirst(configuration, new Retrying());
	}

	static class Retrying extends CommandInterceptor {

		@Override
		public <T> T execute(Command<T> command) {
			if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
				return next.execute(command);
			}
			for (int attempt = 1;; attempt++) {
				try {
					return next.execute(command);
				}
				catch (OptimisticLockingException collision) {
					if (attempt == ATTEMPTS) {
						throw collision;
					}
					log.info("Task completion collided with a concurrent change (attempt {}), run again: {}", attempt,
							collision.getMessage());
				}
			}
		}

	}

}
