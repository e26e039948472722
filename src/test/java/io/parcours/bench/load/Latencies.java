package io.parcours.bench.load;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/** Response times of one step, in microseconds, and their percentiles. */
final class Latencies {

	private final long[] micros;

	private final AtomicInteger count = new AtomicInteger();

	Latencies(int capacity) {
		this.micros = new long[capacity];
	}

	void record(long nanos) {
		int index = count.getAndIncrement();
		if (index < micros.length) {
			micros[index] = nanos / 1000;
		}
	}

	int count() {
		return Math.min(count.get(), micros.length);
	}

	/** The p-th percentile in milliseconds (p between 0 and 100). */
	double percentileMillis(double p) {
		int n = count();
		if (n == 0) {
			return Double.NaN;
		}
		long[] sorted = Arrays.copyOf(micros, n);
		Arrays.sort(sorted);
		int index = (int) Math.ceil(p / 100.0 * n) - 1;
		return sorted[Math.max(0, Math.min(n - 1, index))] / 1000.0;
	}

}
