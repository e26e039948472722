package io.parcours.bench.reactivation;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The peak of used heap during a phase, sampled every 10 ms from the MemoryMXBean, and
 * the JVM's CPU time and the machine's load, so that figures taken on a busy machine can
 * be read for what they are.
 */
final class HeapWatch implements AutoCloseable {

	private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();

	private final AtomicLong peakUsed = new AtomicLong();

	private final Thread sampler;

	private volatile boolean running = true;

	HeapWatch() {
		ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
		sampler = new Thread(() -> {
			while (running) {
				peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
				try {
					Thread.sleep(10);
				}
				catch (InterruptedException e) {
					return;
				}
			}
		}, "heap-watch");
		sampler.setDaemon(true);
		sampler.start();
	}

	long peakUsedBytes() {
		return peakUsed.get();
	}

	/** Heap still in use after a full collection: what the phase left behind. */
	static long usedAfterFullGcBytes() {
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

	/** CPU time of the whole JVM (all threads: ours, the database's, the GC's). */
	static long processCpuNanos() {
		return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
			.getProcessCpuTime();
	}

	static double systemLoadAverage() {
		return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
	}

	static long maxHeapBytes() {
		return Runtime.getRuntime().maxMemory();
	}

	@Override
	public void close() throws InterruptedException {
		running = false;
		sampler.join();
	}

}
