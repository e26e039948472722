package io.parcours.config;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import io.parcours.journey.ClientRefusal;
import io.parcours.journey.TaskCompletionInput;
import io.parcours.journey.TaskDecidedMeanwhile;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * A user completing a task at the moment one of its timers fires (the escalation of
 * "Qualify hot lead") collides with the timer's job in the database: the engine rolls the
 * completion back with an optimistic locking failure, which its REST API answers with
 * 500. The whole command was rolled back, so it is simply run again, a few times. A
 * completion that finds no task, at once or run again, lost to another completion of it
 * (two tabs, two reps): the later of two decisions, answered 409, not a failure. A
 * completion the database rolled back on a lock (a deadlock, a lock wait timed out) is
 * run again too; still failing, it is answered 409 as well (the task stays open).
 */
@Component
class TaskCompletionRetry extends AbstractCamundaConfiguration {

	static final int ATTEMPTS = 3;

	/** How the engine's check of a task's existence ends its message. */
	static final String NO_TASK = "task is null";

	/**
	 * SQL states of a transaction rolled back on a lock: deadlock or serialization
	 * failure (40001, PostgreSQL's deadlock 40P01), lock wait timed out (H2's HYT00,
	 * PostgreSQL's 55P03).
	 */
	static final List<String> LOCK_FAILURES = List.of("40001", "40P01", "HYT00", "55P03");

	private static final Logger log = LoggerFactory.getLogger(TaskCompletionRetry.class);

	private final ObjectProvider<TaskCompletionLock> lock;

	TaskCompletionRetry(ObjectProvider<TaskCompletionLock> lock) {
		this.lock = lock;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		// looked up at the first completion: the engine is built before the beans it uses
		OuterCommandInterceptors.addFirst(configuration, new Retrying(new TaskCompletionLock() {

			@Override
			public <T> T whileLocked(String businessKey, Supplier<T> completion) {
				TaskCompletionLock taken = lock.getIfAvailable();
				return taken == null ? completion.get() : taken.whileLocked(businessKey, completion);
			}

		}));
	}

	static class Retrying extends CommandInterceptor {

		private final TaskCompletionLock lock;

		/** Without a lock, for tests of the retry alone. */
		Retrying() {
			this(null);
		}

		Retrying(TaskCompletionLock lock) {
			this.lock = lock;
		}

		@Override
		public <T> T execute(Command<T> command) {
			if (!(command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd)) {
				return next.execute(command);
			}
			for (int attempt = 1;; attempt++) {
				try {
					return lockedFirst(command);
				}
				catch (OptimisticLockingException collision) {
					if (collision instanceof TaskDecidedMeanwhile) {
						throw collision;
					}
					if (attempt == ATTEMPTS) {
						// still open: it lost to a change of its journey, not to a
						// decision
						if (taskIdOf(command).map(this::taskGone).orElse(true)) {
							throw collision;
						}
						throw new TaskCompletionBlocked(collision);
					}
					log.info("Task completion collided with a concurrent change (attempt {}), run again: {}", attempt,
							collision.getMessage());
				}
				catch (RuntimeException failure) {
					boolean lockFailure = isLockFailure(failure);
					if (lockFailure && attempt < ATTEMPTS) {
						log.info("Task completion could not lock a row (attempt {}), run again: {}", attempt,
								failure.getMessage());
						continue;
					}
					// the other completion removed the task, its grants or its execution
					// while this one ran: a refusal of grants, an engine error on the way
					if (!(failure instanceof ClientRefusal) && taskIdOf(command).map(this::taskGone).orElse(false)) {
						throw new TaskDecidedMeanwhile();
					}
					throw lockFailure ? new TaskCompletionBlocked(failure) : failure;
				}
			}
		}

		/**
		 * A deadlock or a lock wait that timed out, in our SQL or the engine's: the
		 * database rolled the whole completion back.
		 */
		static boolean isLockFailure(Throwable failure) {
			for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
				if (cause instanceof PessimisticLockingFailureException) {
					return true;
				}
				if (cause instanceof SQLException sql && sql.getSQLState() != null
						&& LOCK_FAILURES.stream().anyMatch(sql.getSQLState()::startsWith)) {
					return true;
				}
			}
			return false;
		}

		/** Whether the task is gone, as committed now; not when that cannot be told. */
		private boolean taskGone(String taskId) {
			try {
				return next.execute(context -> context.getTaskManager().findTaskById(taskId) == null);
			}
			catch (RuntimeException unknown) {
				return false;
			}
		}

		/**
		 * The task a completion is about, which the engine's commands keep to themselves.
		 */
		static Optional<String> taskIdOf(Command<?> completion) {
			return CommandFields.text(completion, "taskId");
		}

		/**
		 * The variables a {@code complete} or {@code submit-form} call gives, by name.
		 */
		@SuppressWarnings("unchecked")
		static Set<String> submittedBy(Command<?> completion) {
			String field = completion instanceof CompleteTaskCmd ? "variables"
					: completion instanceof SubmitTaskFormCmd ? "properties" : null;
			if (field == null) {
				return Set.of();
			}
			return CommandFields.of(completion, field)
				.map(variables -> ((Map<String, Object>) variables).keySet())
				.orElse(Set.of());
		}

		/**
		 * The completion first takes what its journey's other changes take first (the
		 * contact's row: an activity of the lead), so that it waits for them instead of
		 * colliding with them in the engine's tables. The journey's contact is looked up
		 * in a command of its own: the completion's command reads the journey only once
		 * the lock is held, not a revision changed while it waited.
		 */
		private <T> T lockedFirst(Command<T> completion) {
			String businessKey = lock == null ? null
					: taskIdOf(completion).map(taskId -> next.execute(context -> businessKeyOf(context, taskId)))
						.orElse(null);
			if (businessKey == null) {
				return next.execute(orDecidedMeanwhile(completion));
			}
			return lock.whileLocked(businessKey, () -> next.execute(orDecidedMeanwhile(completion)));
		}

		private static String businessKeyOf(CommandContext context, String taskId) {
			TaskEntity task = context.getTaskManager().findTaskById(taskId);
			ExecutionEntity journey = task == null ? null : task.getProcessInstance();
			return journey == null ? null : journey.getBusinessKey();
		}

		/**
		 * A completion that finds no task lost to another one (two tabs, two reps): the
		 * caller saw the task open, or the run again after a collision would not have
		 * started. Thrown inside the command, so the engine logs no error for it.
		 */
		private static <T> Command<T> orDecidedMeanwhile(Command<T> completion) {
			return context -> {
				try {
					submittedOverDrafts(completion, context);
					return TaskCompletionInput.during(submittedBy(completion), () -> completion.execute(context));
				}
				catch (NullValueException noTask) {
					if (noTask.getMessage() != null && noTask.getMessage().endsWith(NO_TASK)) {
						throw new TaskDecidedMeanwhile();
					}
					throw noTask;
				}
			};
		}

		/**
		 * A completion writes its variables to the journey, and a draft written on the
		 * task itself ({@code /localVariables}), which the task's listeners read first,
		 * would stand in for what the caller just decided: the call's own values win
		 * (what it leaves out, its listeners decide on). In the completion's transaction,
		 * so a refused completion keeps the draft.
		 */
		private static void submittedOverDrafts(Command<?> completion, CommandContext context) {
			Set<String> submitted = submittedBy(completion);
			TaskEntity task = submitted.isEmpty() ? null
					: taskIdOf(completion).map(context.getTaskManager()::findTaskById).orElse(null);
			if (task != null) {
				submitted.stream().filter(task::hasVariableLocal).forEach(task::removeVariableLocal);
			}
		}

	}

}
