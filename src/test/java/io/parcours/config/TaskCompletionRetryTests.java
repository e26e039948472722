package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.parcours.journey.TaskDecidedMeanwhile;
import io.parcours.journey.TaskNotYours;

import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.authorization.MissingAuthorization;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.exception.NullValueException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

class TaskCompletionRetryTests {

	final AtomicInteger calls = new AtomicInteger();

	@Test
	void aCompletionThatCollidedWithATimerRunsAgain() {
		TaskCompletionRetry.Retrying retrying = retryingOver(2);

		retrying.execute(completion(null));

		assertThat(calls).hasValue(3);
	}

	/**
	 * Still colliding after a few attempts with the task still open: it lost to a change
	 * of its journey (activities pouring in), not to a decision; the rep is told to
	 * complete it again.
	 */
	@Test
	void itGivesUpAfterAFewAttemptsAsBusyWhileTheTaskIsOpen() {
		TaskCompletionRetry.Retrying retrying = retryingOver(TaskCompletionRetry.ATTEMPTS);

		assertThatThrownBy(() -> retrying.execute(completion(null))).isInstanceOf(TaskCompletionBlocked.class)
			.hasCauseInstanceOf(OptimisticLockingException.class);
		// the attempts, and the look at whether the task is still there
		assertThat(calls).hasValue(TaskCompletionRetry.ATTEMPTS + 1);
	}

	@Test
	void itGivesUpAfterAFewAttemptsAsDecidedWhenTheTaskIsGone() {
		TaskCompletionRetry.Retrying retrying = new TaskCompletionRetry.Retrying();
		retrying.setNext(new CommandInterceptor() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T execute(Command<T> command) {
				if (calls.incrementAndGet() <= TaskCompletionRetry.ATTEMPTS) {
					throw new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction");
				}
				return (T) Boolean.TRUE;
			}

		});

		assertThatThrownBy(() -> retrying.execute(completion(null)))
			.isExactlyInstanceOf(OptimisticLockingException.class);
	}

	/** Run again, it finds the task gone: the collision was another tab's decision. */
	@Test
	void aCompletionThatCollidedWithAnotherCompletionIsTheLaterDecision() {
		TaskCompletionRetry.Retrying retrying = retryingOver(1);

		assertThatThrownBy(() -> retrying
			.execute(completion(new NullValueException("Cannot find task with id task-1: task is null"))))
			.isInstanceOf(TaskDecidedMeanwhile.class);
		assertThat(calls).hasValue(2);
	}

	/** Gone between the caller's look at it and the engine's: also the later decision. */
	@Test
	void aTaskGoneAtTheFirstAttemptIsTheLaterDecisionAndAnyOtherFailureIsLeftAsItIs() {
		assertThatThrownBy(() -> retryingOver(0)
			.execute(completion(new NullValueException("Cannot find task with id task-1: task is null"))))
			.isInstanceOf(TaskDecidedMeanwhile.class);
		assertThatThrownBy(() -> retryingOver(0).execute(completion(new NullValueException("variable is null"))))
			.isExactlyInstanceOf(NullValueException.class);
		// two completions, and the look at whether the second one's task is gone
		assertThat(calls).hasValue(3);
	}

	/**
	 * The other completion removed the task, and the grants with it, between this one's
	 * reading the task and checking them: the later decision, not a refusal of the rep.
	 */
	@Test
	void aRefusalForATaskDecidedMeanwhileIsTheLaterDecisionAndOtherRefusalsStay() {
		AuthorizationException noGrant = new AuthorizationException("sam",
				new MissingAuthorization("TASK_WORK", Resources.TASK.resourceName(), "task-1"));

		assertThatThrownBy(() -> refusingThenLookingUp(true).execute(completion(noGrant)))
			.isInstanceOf(TaskDecidedMeanwhile.class);
		assertThatThrownBy(() -> refusingThenLookingUp(false).execute(completion(noGrant))).isSameAs(noGrant);
		TaskNotYours notYours = new TaskNotYours("Only sales qualify hot leads: mia may not.");
		assertThatThrownBy(() -> refusingThenLookingUp(true).execute(completion(notYours))).isSameAs(notYours);
		// the engine tripping over the execution the other completion moved on
		NullPointerException tripped = new NullPointerException("getParent() is null");
		assertThatThrownBy(() -> refusingThenLookingUp(true).execute(completion(tripped)))
			.isInstanceOf(TaskDecidedMeanwhile.class);
		assertThatThrownBy(() -> refusingThenLookingUp(false).execute(completion(tripped))).isSameAs(tripped);
	}

	/**
	 * The database rolled the completion back on a lock (a deadlock with an activity of
	 * the lead): run again; still failing, a conflict the caller is told of, without the
	 * database's message.
	 */
	@Test
	void aCompletionRolledBackOnALockRunsAgainThenIsRefusedAsAConflict() {
		AtomicInteger runs = new AtomicInteger();
		CannotAcquireLockException deadlock = new CannotAcquireLockException("update contact ...; Deadlock detected",
				new SQLException("Deadlock detected", "40001"));
		TaskCompletionRetry.Retrying once = new TaskCompletionRetry.Retrying();
		once.setNext(failingThenLookingUp(runs, 1, deadlock));

		once.execute(completion(null));
		assertThat(runs).hasValue(2);

		TaskCompletionRetry.Retrying always = new TaskCompletionRetry.Retrying();
		always.setNext(failingThenLookingUp(new AtomicInteger(), Integer.MAX_VALUE, deadlock));
		assertThatThrownBy(() -> always.execute(completion(null))).isInstanceOf(TaskCompletionBlocked.class)
			.hasCause(deadlock)
			.hasMessageNotContaining("update contact");
		// the engine's own SQL, wrapped
		assertThat(TaskCompletionRetry.Retrying.isLockFailure(new ProcessEngineException("flush failed",
				new SQLException("Timeout trying to lock table", "HYT00", 50200))))
			.isTrue();
		assertThat(TaskCompletionRetry.Retrying.isLockFailure(new ProcessEngineException("ENGINE-99999"))).isFalse();
	}

	/**
	 * The first {@code failures} completions fail with {@code failure}, a lookup finds
	 * the task still there.
	 */
	private static CommandInterceptor failingThenLookingUp(AtomicInteger runs, int failures, RuntimeException failure) {
		return new CommandInterceptor() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T execute(Command<T> command) {
				int run = runs.incrementAndGet();
				if (run > TaskCompletionRetry.ATTEMPTS) {
					// whether the task is gone
					return (T) Boolean.FALSE;
				}
				if (run <= failures) {
					throw failure;
				}
				return command.execute(null);
			}

		};
	}

	@Test
	void readsTheTaskOfEitherKindOfCompletion() {
		assertThat(TaskCompletionRetry.Retrying.taskIdOf(new CompleteTaskCmd("task-7", Map.of()))).contains("task-7");
		assertThat(
				TaskCompletionRetry.Retrying.submittedBy(new CompleteTaskCmd("task-7", Map.of("decision", "accept"))))
			.containsExactly("decision");
		assertThat(TaskCompletionRetry.Retrying.taskIdOf(new SubmitTaskFormCmd("task-8", Map.of(), false, false)))
			.contains("task-8");
		assertThat(TaskCompletionRetry.Retrying.taskIdOf(completion(null))).contains("task-1");
	}

	/** Runs the completion, then answers the lookup of the task with {@code gone}. */
	private static TaskCompletionRetry.Retrying refusingThenLookingUp(boolean gone) {
		TaskCompletionRetry.Retrying retrying = new TaskCompletionRetry.Retrying();
		AtomicInteger runs = new AtomicInteger();
		retrying.setNext(new CommandInterceptor() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T execute(Command<T> command) {
				return runs.incrementAndGet() == 1 ? command.execute(null) : (T) Boolean.valueOf(gone);
			}

		});
		return retrying;
	}

	@Test
	void otherCommandsAreNotRetried() {
		TaskCompletionRetry.Retrying retrying = retryingOver(1);

		assertThatThrownBy(() -> retrying.execute(new GetTaskVariableCmd("task-1", "decision", false)))
			.isInstanceOf(OptimisticLockingException.class);
		assertThat(calls).hasValue(1);
	}

	/** A completion that ends with {@code failure}, if any. */
	private static CompleteTaskCmd completion(RuntimeException failure) {
		return new CompleteTaskCmd("task-1", Map.of()) {

			@Override
			public VariableMap execute(CommandContext context) {
				if (failure != null) {
					throw failure;
				}
				return Variables.createVariables();
			}

		};
	}

	/** The first {@code collisions} runs collide with a concurrent change. */
	private TaskCompletionRetry.Retrying retryingOver(int collisions) {
		TaskCompletionRetry.Retrying retrying = new TaskCompletionRetry.Retrying();
		retrying.setNext(new CommandInterceptor() {

			@Override
			@SuppressWarnings("unchecked")
			public <T> T execute(Command<T> command) {
				if (calls.incrementAndGet() <= collisions) {
					throw new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction");
				}
				if (calls.get() > TaskCompletionRetry.ATTEMPTS) {
					// whether the task is gone: still there
					return (T) Boolean.FALSE;
				}
				return command.execute(null);
			}

		});
		return retrying;
	}

}
