package io.parcours.config;

import io.parcours.journey.ClientRefusal;
import io.parcours.journey.TaskDecidedMeanwhile;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
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
 * 500. The whole command was rolled back, so it is simply run again, a few times. A
 * completion that finds no task, at once or run again, lost to another completion of it
 * (two tabs, two reps): the later of two decisions, answered 409, not a failure.
 */
@Component
class TaskCompletionRetry extends AbstractCamundaConfiguration {

	static final int ATTEMPTS = 3;

	/** How the engine's check of a task's existence ends its message. */
	static final String NO_TASK = "task is null";

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
					return next.execute(orDecidedMeanwhile(command));
				}
				catch (AuthorizationException refused) {
					if (!(refused instanceof ClientRefusal) && taskGone(refused)) {
						// the other completion removed the task's grants before this one
						// checked
						throw new TaskDecidedMeanwhile();
					}
					throw refused;
				}
				catch (OptimisticLockingException collision) {
					if (attempt == ATTEMPTS || collision instanceof TaskDecidedMeanwhile) {
						throw collision;
					}
					log.info("Task completion collided with a concurrent change (attempt {}), run again: {}", attempt,
							collision.getMessage());
				}
			}
		}

		/**
		 * The task the refusal is about, looked up afresh: gone, it was decided
		 * meanwhile.
		 */
		private boolean taskGone(AuthorizationException refused) {
			return refused.getMissingAuthorizations()
				.stream()
				.filter(missing -> Resources.TASK.resourceName().equals(missing.getResourceType())
						&& missing.getResourceId() != null)
				.findFirst()
				.map(missing -> next
					.execute(context -> context.getTaskManager().findTaskById(missing.getResourceId()) == null))
				.orElse(false);
		}

		/**
		 * A completion that finds no task lost to another one (two tabs, two reps): the
		 * caller saw the task open, or the run again after a collision would not have
		 * started. Thrown inside the command, so the engine logs no error for it.
		 */
		private static <T> Command<T> orDecidedMeanwhile(Command<T> completion) {
			return context -> {
				try {
					return completion.execute(context);
				}
				catch (NullValueException noTask) {
					if (noTask.getMessage() != null && noTask.getMessage().endsWith(NO_TASK)) {
						throw new TaskDecidedMeanwhile();
					}
					throw noTask;
				}
			};
		}

	}

}
