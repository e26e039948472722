package io.parcours.event;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

/**
 * The events this node is taking right now, by id. A copy arriving meanwhile (a client's
 * retry racing its first try) waits here until the first is done, then reads as the
 * duplicate it is. Waiting in the database instead, on the first one's row, ends at the
 * lock timeout (10 s on H2) when the first takes longer, a cold node's first lead say,
 * and would be answered as a database failure. Copies sent to two nodes still meet in the
 * database.
 */
@Component
class EventsInFlight {

	/** Far beyond any event's processing; then the database decides, as between nodes. */
	static final Duration LONGEST_WAIT = Duration.ofMinutes(2);

	private final ConcurrentHashMap<String, CountDownLatch> taking = new ConcurrentHashMap<>();

	<T> T once(String id, Supplier<T> take) {
		CountDownLatch mine = new CountDownLatch(1);
		for (CountDownLatch first = taking.putIfAbsent(id, mine); first != null; first = taking.putIfAbsent(id, mine)) {
			if (!awaited(first)) {
				return take.get();
			}
		}
		try {
			return take.get();
		}
		finally {
			taking.remove(id, mine);
			mine.countDown();
		}
	}

	private static boolean awaited(CountDownLatch first) {
		try {
			return first.await(LONGEST_WAIT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
