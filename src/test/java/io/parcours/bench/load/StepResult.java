package io.parcours.bench.load;

import java.time.Instant;

/**
 * One load step: what was asked, what the node did with it, and what it cost the node.
 */
record StepResult(String phase, double targetRate, Instant start, Instant end, int sent, int succeeded, int failed,
		double p50, double p90, double p99, double max, double nodeCores, double nodeHeapMb, double generatorCores,
		long jobBacklog) {

	double seconds() {
		return (end.toEpochMilli() - start.toEpochMilli()) / 1000.0;
	}

	double achievedRate() {
		return succeeded / seconds();
	}

	/**
	 * Kept up with the asked rate, without errors, p99 under the target, and the job
	 * executor not falling behind (less than about two seconds of jobs waiting).
	 */
	boolean sustained(double p99TargetMillis) {
		return failed == 0 && achievedRate() >= 0.97 * targetRate && p99 <= p99TargetMillis && jobBacklog < targetRate;
	}

	StepResult withBacklog(long backlog) {
		return new StepResult(phase, targetRate, start, end, sent, succeeded, failed, p50, p90, p99, max, nodeCores,
				nodeHeapMb, generatorCores, backlog);
	}

}
