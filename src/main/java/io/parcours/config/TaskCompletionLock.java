package io.parcours.config;

/**
 * What a task's completion locks before the engine changes the journey: the same row the
 * journey's other changes lock first, so that the completion waits for them rather than
 * colliding with them.
 */
@FunctionalInterface
public interface TaskCompletionLock {

	/** {@code businessKey}: the journey's, its contact's id. */
	void lock(String businessKey);

}
