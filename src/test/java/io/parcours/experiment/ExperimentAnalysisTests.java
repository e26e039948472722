package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.parcours.experiment.Assignments.VariantFigures;
import io.parcours.experiment.ExperimentReport.VariantResult;
import io.parcours.experiment.ExperimentReport.Verdict;

import org.junit.jupiter.api.Test;

class ExperimentAnalysisTests {

	static final ExperimentSettings SETTINGS = new ExperimentSettings("abandoned-cart",
			Map.of("A", 45, "B", 45, "control", 10), "control", Duration.ofDays(7), 100, 0.05, false);

	@Test
	void ratesLiftsAndPValuesPerVariantWithNullWhereTheyDoNotApply() {
		List<VariantResult> results = ExperimentAnalysis.results(SETTINGS, SETTINGS.weights(),
				figures(variant("A", 200, 30, "1500.00"), variant("B", 200, 50, "2250.50"),
						variant("control", 100, 10, "480.00")));

		assertThat(results).extracting(VariantResult::variant).containsExactly("A", "B", "control");
		VariantResult a = results.get(0);
		VariantResult b = results.get(1);
		VariantResult control = results.get(2);
		assertThat(a.weight()).isEqualTo(45);
		assertThat(a.conversionRate()).isEqualTo(0.15);
		assertThat(a.liftVsControl()).isCloseTo(0.5, within(1e-12));
		assertThat(a.liftVsA()).isNull();
		assertThat(a.pValueVsA()).isNull();
		assertThat(b.conversionRate()).isEqualTo(0.25);
		assertThat(b.liftVsControl()).isCloseTo(1.5, within(1e-12));
		assertThat(b.liftVsA()).isCloseTo(2.0 / 3, within(1e-12));
		// 50/200 vs 30/200: z = 2.5 (worked in ProportionsTests)
		assertThat(b.pValueVsA()).isCloseTo(0.012419, within(1e-6));
		// 50/200 vs 10/100: pooled 0.2, se = sqrt(0.16 × 0.015) = 0.048990, z = 3.0619
		assertThat(b.pValueVsControl()).isCloseTo(0.0022, within(1e-4));
		assertThat(b.revenue()).isEqualByComparingTo("2250.50");
		assertThat(b.revenuePerContact()).isEqualByComparingTo("11.25");
		assertThat(b.confidenceInterval().low()).isLessThan(0.25);
		assertThat(b.confidenceInterval().high()).isGreaterThan(0.25);
		assertThat(control.liftVsControl()).isNull();
		assertThat(control.pValueVsControl()).isNull();
		assertThat(control.liftVsA()).isNull();
		assertThat(control.pValueVsA()).isNull();
		assertThat(control.revenuePerContact()).isEqualByComparingTo("4.80");
	}

	@Test
	void aVariantWithoutContactsHasNoRateYet() {
		VariantResult b = ExperimentAnalysis.results(SETTINGS, SETTINGS.weights(), figures(variant("A", 3, 1, "10.00")))
			.get(1);

		assertThat(b.assigned()).isZero();
		assertThat(b.conversionRate()).isNull();
		assertThat(b.confidenceInterval()).isNull();
		assertThat(b.revenuePerContact()).isNull();
		assertThat(b.liftVsControl()).isNull();
		assertThat(b.pValueVsA()).isNull();
		assertThat(b.revenue()).isEqualByComparingTo("0");
	}

	@Test
	void noVerdictWhileAVariantHasTooFewContacts() {
		Verdict verdict = verdict(variant("A", 150, 40, "0"), variant("B", 150, 60, "0"),
				variant("control", 40, 1, "0"));

		assertThat(verdict).isEqualTo(new Verdict(null, false,
				"Sample too small: control has 40 contacts whose conversion window is over, each variant needs at least 100."));
	}

	@Test
	void theBestTreatmentWinsWhenItBeatsControlAndTheOtherTreatment() {
		Verdict verdict = verdict(variant("A", 200, 30, "0"), variant("B", 200, 50, "0"),
				variant("control", 100, 10, "0"));

		assertThat(verdict.winner()).isEqualTo("B");
		assertThat(verdict.significant()).isTrue();
		assertThat(verdict.reason()).isEqualTo(
				"B wins: 25.0 % converted vs 10.0 % for control (p = 0.00220) and 15.0 % for A (p = 0.0124); each test at < 0.0250.");
	}

	@Test
	void twoTreatmentsBeatingControlWithoutBeatingEachOtherMakeNoWinner() {
		Verdict verdict = verdict(variant("A", 200, 45, "0"), variant("B", 200, 50, "0"),
				variant("control", 100, 10, "0"));

		assertThat(verdict.winner()).isNull();
		assertThat(verdict.significant()).isFalse();
		assertThat(verdict.reason()).startsWith("Not significant: B beats control (p = 0.00220) but not A");
	}

	@Test
	void aSmallDifferenceFromControlIsNotSignificant() {
		Verdict verdict = verdict(variant("A", 200, 22, "0"), variant("B", 200, 24, "0"),
				variant("control", 100, 10, "0"));

		assertThat(verdict.winner()).isNull();
		assertThat(verdict.reason())
			.isEqualTo("Not significant: B converts 12.0 % vs 10.0 % for control, p = 0.606 (needs < 0.0250).");
	}

	@Test
	void theLevelIsSplitOverTheTreatmentsSoPOfThreePercentIsNotEnoughWithTwo() {
		// B vs control: 50/300 vs 20/200, p = 0.0353 < 0.05 but not < 0.05 / 2
		Verdict verdict = verdict(variant("A", 300, 10, "0"), variant("B", 300, 50, "0"),
				variant("control", 200, 20, "0"));

		assertThat(verdict.winner()).isNull();
		assertThat(verdict.reason()).contains("p = 0.0353 (needs < 0.0250)");
	}

	@Test
	void treatmentsDoingWorseThanControlMakeNoWinner() {
		Verdict verdict = verdict(variant("A", 200, 10, "0"), variant("B", 200, 12, "0"),
				variant("control", 100, 20, "0"));

		assertThat(verdict.winner()).isNull();
		assertThat(verdict.reason())
			.isEqualTo("Not significant: no treatment converts more than control (best: B 6.0 % vs 20.0 %).");
	}

	/**
	 * A variant switched off (weight 0) before anyone was assigned to it is not judged.
	 */
	@Test
	void aTreatmentWithWeightZeroAndNobodyInItIsLeftOutOfTheVerdict() {
		Verdict verdict = verdict(Map.of("A", 90, "B", 0, "control", 10), variant("A", 400, 120, "0"),
				variant("control", 100, 10, "0"));

		assertThat(verdict.winner()).isEqualTo("A");
		assertThat(verdict.reason()).startsWith("A wins: 30.0 % converted vs 10.0 % for control").endsWith("< 0.0500.");
	}

	/** Paused after a lucky start, a treatment is judged on what it got: too little. */
	@Test
	void aTreatmentPausedBeforeItsSampleWasReachedMakesNoWinner() {
		Verdict verdict = verdict(Map.of("A", 45, "B", 0, "control", 55), variant("A", 400, 100, "0"),
				variant("B", 60, 40, "0"), variant("control", 400, 30, "0"));

		assertThat(verdict).isEqualTo(new Verdict(null, false,
				"Sample too small: B has 60 contacts whose conversion window is over, each variant needs at least 100."));
	}

	@Test
	void withoutAnyoneInTheControlGroupThereIsNoLiftToCall() {
		Verdict verdict = verdict(Map.of("A", 50, "B", 50, "control", 0), variant("A", 400, 120, "0"),
				variant("B", 400, 60, "0"));

		assertThat(verdict.winner()).isNull();
		assertThat(verdict.reason()).isEqualTo(
				"No winner: nobody is in the control group (control), so no treatment's lift can be measured; give it a weight.");
	}

	private static Verdict verdict(VariantFigures... figures) {
		return Verdicts.of(SETTINGS, figures(figures));
	}

	private static Verdict verdict(Map<String, Integer> weights, VariantFigures... figures) {
		ExperimentSettings settings = new ExperimentSettings("abandoned-cart", weights, "control", Duration.ofDays(7),
				100, 0.05, false);
		return Verdicts.of(settings, ExperimentAnalysis.byVariant(settings, List.of(figures)));
	}

	private static Map<String, VariantFigures> figures(VariantFigures... figures) {
		return ExperimentAnalysis.byVariant(SETTINGS, List.of(figures));
	}

	private static VariantFigures variant(String variant, long assigned, long converted, String revenue) {
		return new VariantFigures(variant, assigned, converted,
				new BigDecimal(revenue).signum() == 0 ? Map.of() : Map.of("EUR", new BigDecimal(revenue)), 0);
	}

}
