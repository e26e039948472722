package io.parcours.experiment;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Statistics of conversion rates: the Wilson score interval of one rate, and the pooled
 * two-proportion z-test between two rates (two-sided), with the normal distribution of
 * commons-math3.
 */
final class Proportions {

	private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);

	/** 1.95996...: the two-sided 95 % quantile of the standard normal distribution. */
	static final double Z_95 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

	private Proportions() {
	}

	/**
	 * The Wilson score interval: unlike the textbook p ± z·se, it stays within [0, 1] and
	 * keeps its coverage for small samples and rates near 0, which conversion rates are.
	 */
	static Interval wilson(long successes, long trials, double z) {
		if (trials <= 0) {
			throw new IllegalArgumentException("a rate needs at least one trial");
		}
		double n = trials;
		double p = successes / n;
		double z2 = z * z;
		double denominator = 1 + z2 / n;
		double centre = (p + z2 / (2 * n)) / denominator;
		double halfWidth = z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
		// with no success (or no failure) the bound is exactly 0 (or 1); computed, it is
		// off by rounding
		double low = successes == 0 ? 0 : Math.max(0, centre - halfWidth);
		double high = successes == trials ? 1 : Math.min(1, centre + halfWidth);
		return new Interval(low, high);
	}

	/** The z statistic of the difference of rate 1 and rate 2, under a pooled rate. */
	static double zStatistic(long successes1, long trials1, long successes2, long trials2) {
		if (trials1 <= 0 || trials2 <= 0) {
			throw new IllegalArgumentException("both rates need at least one trial");
		}
		double p1 = (double) successes1 / trials1;
		double p2 = (double) successes2 / trials2;
		double pooled = (double) (successes1 + successes2) / (trials1 + trials2);
		double standardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / trials1 + 1.0 / trials2));
		return standardError == 0 ? 0 : (p1 - p2) / standardError;
	}

	/**
	 * Two-sided p-value of "both rates are equal". 1 when no difference can be seen (both
	 * rates 0 % or both 100 %).
	 */
	static double twoSidedPValue(long successes1, long trials1, long successes2, long trials2) {
		double z = Math.abs(zStatistic(successes1, trials1, successes2, trials2));
		return 2 * STANDARD_NORMAL.cumulativeProbability(-z);
	}

}
