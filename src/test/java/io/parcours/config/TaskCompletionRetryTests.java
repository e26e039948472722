package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.GetTaskVariableCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.junit.jupiter.api.Test;

class TaskCompletionRetryTests {

	final AtomicInteger calls = new AtomicInteger();

	@Test
	void aCompletionThatCollidedWithATimerRunsAgain() {
		TaskCompletionRetry.Retrying retrying = retryingOver(2);

		retrying.execute(new CompleteTaskCmd("task-1", Map.of("decision", "accept")));

		assertThat(calls).hasValue(3);
	}

	@Test
	void itGivesUpAfterAFewAttempts() {
		TaskCompletionRetry.Retrying retrying = retryingOver(10);

		assertThatThrownBy(() -> retrying.execute(new CompleteTaskCmd("task-1", Map.of())))
			.isInstanceOf(OptimisticLockingException.class);
		assertThat(calls).hasValue(TaskCompletionRetry.ATTEMPTS);
	}

	@Test
	void otherCommandsAreNotRetried() {
		TaskCompletionRetry.Retrying retrying = retryingOver(1);

		assertThatThrownBy(() -> retrying.execute(new GetTaskVariableCmd("task-1", "decision", false)))
			.isInstanceOf(OptimisticLockingException.class);
		assertThat(calls).hasValue(1);
	}

	private TaskCompletionRetry.Retrying retryingOver(int collisions) {
		TaskCompletionRetry.Retrying retrying = new TaskCompletionRetry.Retrying();
		retrying.setNext(new CommandInterceptor() {

			@Override
			public <T> T execute(Command<T> command) {
				if (calls.incrementAndGet() <= collisions) {
					throw new OptimisticLockingException("ENGINE-03005 Entity was updated by another transaction");
				}
				return null;
			}

		});
		return retrying;
	}

}
