package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The statistics against published examples and figures worked out by hand. */
class ProportionsTests {

	@Test
	void theNinetyFivePercentQuantileIsTheUsualOne() {
		assertThat(Proportions.Z_95).isCloseTo(1.959964, within(1e-6));
	}

	/**
	 * Newcombe R.G., "Two-sided confidence intervals for the single proportion:
	 * comparison of seven methods", Statistics in Medicine 17 (1998) 857-872, Table II,
	 * method 3 (score interval without continuity correction), four digits.
	 */
	@Test
	void wilsonIntervalsMatchNewcombesPublishedExamples() {
		assertInterval(Proportions.wilson(81, 263, Proportions.Z_95), 0.2553, 0.3662);
		assertInterval(Proportions.wilson(15, 148, Proportions.Z_95), 0.0624, 0.1605);
		assertInterval(Proportions.wilson(0, 20, Proportions.Z_95), 0.0000, 0.1611);
		assertInterval(Proportions.wilson(1, 29, Proportions.Z_95), 0.0061, 0.1718);
	}

	@Test
	void aWilsonIntervalStaysWithinZeroAndOne() {
		Interval all = Proportions.wilson(20, 20, Proportions.Z_95);
		assertThat(all.high()).isEqualTo(1.0);
		assertThat(all.low()).isCloseTo(0.8389, within(1e-4));
		// computed, these bounds were 5.55e-17 and 0.99999...: an API answering
		// 5.551115123125783e-17
		assertThat(Proportions.wilson(0, 3, Proportions.Z_95).low()).isZero();
		assertThat(Proportions.wilson(3, 3, Proportions.Z_95).high()).isEqualTo(1.0);
	}

	/**
	 * Physicians' Health Study (aspirin and heart attacks), as used by Agresti, "An
	 * Introduction to Categorical Data Analysis": 189 of 11,034 on placebo, 104 of 11,037
	 * on aspirin. By hand: pooled p = 293/22071 = 0.0132753, se = sqrt(p(1-p)(1/11034 +
	 * 1/11037)) = 0.00154085, z = (0.0171289 - 0.0094228) / se = 5.0014, two-sided p =
	 * 2(1 - Phi(5.0014)) = 5.69e-7.
	 */
	@Test
	void theZTestMatchesThePhysiciansHealthStudyWorkedByHand() {
		assertThat(Proportions.zStatistic(189, 11034, 104, 11037)).isCloseTo(5.0014, within(1e-4));
		assertThat(Proportions.twoSidedPValue(189, 11034, 104, 11037)).isCloseTo(5.69e-7, within(0.01e-7));
	}

	/**
	 * 28 of 254 vs 36 of 301 (a textbook exercise, worked by hand): pooled p = 64/555 =
	 * 0.115315, se = 0.0272136, z = (0.110236 - 0.119601) / se = -0.3441, two-sided p =
	 * 0.7307.
	 */
	@Test
	void aSmallDifferenceIsNotSignificant() {
		assertThat(Proportions.zStatistic(28, 254, 36, 301)).isCloseTo(-0.3441, within(1e-4));
		assertThat(Proportions.twoSidedPValue(28, 254, 36, 301)).isCloseTo(0.7307, within(1e-4));
		assertThat(Proportions.twoSidedPValue(36, 301, 28, 254)).isCloseTo(0.7307, within(1e-4));
	}

	/**
	 * 50/200 vs 30/200: pooled 0.2, se = sqrt(0.2 × 0.8 × 0.01) = 0.04, z = 0.1 / 0.04 =
	 * 2.5.
	 */
	@Test
	void aRoundExampleGivesTheTableValue() {
		assertThat(Proportions.zStatistic(50, 200, 30, 200)).isCloseTo(2.5, within(1e-12));
		// standard normal table: 2 (1 - Phi(2.5)) = 2 × 0.00621 = 0.0124
		assertThat(Proportions.twoSidedPValue(50, 200, 30, 200)).isCloseTo(0.0124, within(1e-4));
	}

	@Test
	void noDifferenceCanBeSeenBetweenTwoRatesOfZero() {
		assertThat(Proportions.twoSidedPValue(0, 50, 0, 80)).isEqualTo(1.0);
		assertThat(Proportions.twoSidedPValue(50, 50, 80, 80)).isEqualTo(1.0);
	}

	private static void assertInterval(Interval interval, double low, double high) {
		assertThat(interval.low()).isCloseTo(low, within(0.00005));
		assertThat(interval.high()).isCloseTo(high, within(0.00005));
	}

}
