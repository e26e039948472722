package io.parcours.config;

import java.util.function.Supplier;

/**
 * What a task's completion locks before the engine changes the journey: the same row the
 * journey's other changes lock first, so that the completion waits for them rather than
 * colliding with them.
 */
public interface TaskCompletionLock {

	/**
	 * Runs the completion in a transaction that first takes the lock; {@code businessKey}
	 * is the journey's, its contact's id.
	 */
	<T> T whileLocked(String businessKey, Supplier<T> completion);

}
