package io.parcours.report;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * Callers asking for the same thing while it is being computed wait for that computation
 * instead of starting their own: a journey's figures, asked for by every open dashboard
 * and by a dashboard reloaded while they were computed, run once at a time, not once per
 * request (each holds a core for as long as it runs).
 */
final class SharedComputation<K, V> {

	private final ConcurrentMap<K, CompletableFuture<V>> running = new ConcurrentHashMap<>();

	V get(K key, Supplier<V> computation) {
		CompletableFuture<V> mine = new CompletableFuture<>();
		CompletableFuture<V> theirs = running.putIfAbsent(key, mine);
		if (theirs != null) {
			return joined(theirs);
		}
		try {
			V value = computation.get();
			mine.complete(value);
			return value;
		}
		catch (RuntimeException | Error failure) {
			mine.completeExceptionally(failure);
			throw failure;
		}
		finally {
			running.remove(key, mine);
		}
	}

	private static <V> V joined(CompletableFuture<V> computation) {
		try {
			return computation.join();
		}
		catch (CompletionException failed) {
			if (failed.getCause() instanceof RuntimeException cause) {
				throw cause;
			}
			throw failed;
		}
	}

}
