package io.parcours.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class EventsInFlightTests {

	final EventsInFlight inFlight = new EventsInFlight();

	/**
	 * A copy waits for the first to be done, however long that takes, instead of running
	 * beside it; another id does not wait.
	 */
	@Test
	void aCopyOfAnEventBeingTakenWaitsUntilTheFirstIsDone() throws Exception {
		List<String> order = new CopyOnWriteArrayList<>();
		CountDownLatch firstStarted = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(3);
		try {
			Future<String> first = threads.submit(() -> inFlight.once("e-1", () -> {
				firstStarted.countDown();
				await(releaseFirst);
				order.add("first");
				return "first";
			}));
			firstStarted.await(5, TimeUnit.SECONDS);
			Future<String> copy = threads.submit(() -> inFlight.once("e-1", () -> {
				order.add("copy");
				return "copy";
			}));
			Future<String> other = threads.submit(() -> inFlight.once("e-2", () -> {
				order.add("other");
				return "other";
			}));
			assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo("other");
			Thread.sleep(200);
			assertThat(copy.isDone()).as("the copy waits").isFalse();

			releaseFirst.countDown();

			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
			assertThat(copy.get(5, TimeUnit.SECONDS)).isEqualTo("copy");
			assertThat(order).containsExactly("other", "first", "copy");
		}
		finally {
			threads.shutdownNow();
		}
	}

	@Test
	void aFailureOfTheFirstReleasesTheCopy() throws Exception {
		ExecutorService threads = Executors.newSingleThreadExecutor();
		try {
			try {
				inFlight.once("e-3", () -> {
					throw new IllegalStateException("processing failed");
				});
			}
			catch (IllegalStateException expected) {
				// the first attempt's failure is its caller's
			}
			assertThat(threads.submit(() -> inFlight.once("e-3", () -> "again")).get(5, TimeUnit.SECONDS))
				.isEqualTo("again");
		}
		finally {
			threads.shutdownNow();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
