package io.parcours.bench.load;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Watches a node during one step: CPU time it used (as cores), the highest heap seen, and
 * the generator's own CPU, which shares the machine.
 */
final class Sampler implements AutoCloseable {

	private final NodeProcess node;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	private final AtomicReference<Double> maxHeapMb = new AtomicReference<>(0.0);

	private final double nodeCpuStart;

	private final double generatorCpuStart;

	private final long startNanos = System.nanoTime();

	Sampler(NodeProcess node) {
		this.node = node;
		this.nodeCpuStart = node.cpuSeconds();
		this.generatorCpuStart = generatorCpuSeconds();
		timer.scheduleAtFixedRate(this::sampleHeap, 0, 2, TimeUnit.SECONDS);
	}

	private void sampleHeap() {
		double heap = node.heapUsedMb();
		if (!Double.isNaN(heap)) {
			maxHeapMb.accumulateAndGet(heap, Math::max);
		}
	}

	StepResult result(String phase, double rate, LoadGenerator.Outcome outcome) {
		double wall = (System.nanoTime() - startNanos) / 1e9;
		Latencies latencies = outcome.latencies;
		return new StepResult(phase, rate, outcome.start, outcome.end == null ? Instant.now() : outcome.end,
				outcome.sent.get() == 0 ? outcome.succeeded.get() + outcome.failed.get() : outcome.sent.get(),
				outcome.succeeded.get(), outcome.failed.get(), latencies.percentileMillis(50),
				latencies.percentileMillis(90), latencies.percentileMillis(99), latencies.percentileMillis(100),
				(node.cpuSeconds() - nodeCpuStart) / wall, maxHeapMb.get(),
				(generatorCpuSeconds() - generatorCpuStart) / wall, 0);
	}

	private static double generatorCpuSeconds() {
		if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
			return os.getProcessCpuTime() / 1e9;
		}
		return Double.NaN;
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
