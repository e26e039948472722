package io.parcours.config;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;

/**
 * Runs a transaction again at once when it lost a race on the same rows: typically a job
 * of the same journey running at that moment on this node or another (the engine's
 * optimistic locking), or a lock timeout or deadlock in the database. Without this an
 * event would wait for the next retry while its journey moves on without it, and an
 * erasure would fail while the person's events are processed.
 */
public final class ConcurrentUpdate {

	private static final Logger log = LoggerFactory.getLogger(ConcurrentUpdate.class);

	static final int ATTEMPTS = 5;

	private ConcurrentUpdate() {
	}

	public static void retry(Runnable transaction) {
		retryFor(() -> {
			transaction.run();
			return null;
		});
	}

	/** {@link #retry(Runnable)}, for a transaction that gives a result. */
	public static <T> T retryFor(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (RuntimeException e) {
				if (attempt >= ATTEMPTS || !causedBy(e)) {
					throw e;
				}
				log.info("Concurrent update of the same journey or contact (attempt {}), trying again: {}", attempt,
						e.toString());
				pause(attempt);
			}
		}
	}

	public static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof OptimisticLockingException || cause instanceof ConcurrencyFailureException) {
				return true;
			}
		}
		return false;
	}

	/** A short random pause growing with the attempts, so that racers drift apart. */
	private static void pause(int attempt) {
		try {
			Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
