package io.parcours.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class SharedComputationTests {

	private final SharedComputation<String, Integer> shared = new SharedComputation<>();

	@Test
	void callersAskingWhileItRunsShareOneComputation() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService callers = Executors.newFixedThreadPool(4);
		try {
			Future<Integer> first = callers.submit(() -> shared.get("welcome", () -> {
				started.countDown();
				await(release);
				return runs.incrementAndGet();
			}));
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			List<Future<Integer>> others = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				others.add(callers.submit(() -> shared.get("welcome", runs::incrementAndGet)));
			}
			Thread.sleep(200);
			release.countDown();

			assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo(1);
			for (Future<Integer> other : others) {
				assertThat(other.get(5, TimeUnit.SECONDS)).isEqualTo(1);
			}
			assertThat(runs).hasValue(1);
		}
		finally {
			release.countDown();
			callers.shutdownNow();
		}
	}

	@Test
	void aCallerAfterTheComputationEndedComputesAgain() {
		AtomicInteger runs = new AtomicInteger();

		shared.get("welcome", runs::incrementAndGet);

		assertThat(shared.get("welcome", runs::incrementAndGet)).isEqualTo(2);
		assertThat(shared.get("abandoned-cart", runs::incrementAndGet)).isEqualTo(3);
	}

	@Test
	void aFailureReachesItsCallerAndIsNotKept() {
		assertThatThrownBy(() -> shared.get("welcome", () -> {
			throw new IllegalStateException("database gone");
		})).hasMessage("database gone");

		assertThat(shared.get("welcome", () -> 7)).isEqualTo(7);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

}
