package io.parcours.event;

import java.util.concurrent.ThreadLocalRandom;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * A transaction that lost a race on the same rows (the engine's optimistic locking, a
 * lock timeout or deadlock in the database): worth running again at once.
 */
final class ConcurrentUpdate {

	private ConcurrentUpdate() {
	}

	static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
				return true;
			}
		}
		return false;
	}

	/** A short random pause growing with the attempts, so that racers drift apart. */
	static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
