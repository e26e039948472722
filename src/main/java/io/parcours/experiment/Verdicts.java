package io.parcours.experiment;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.parcours.experiment.Assignments.VariantFigures;
import io.parcours.experiment.ExperimentReport.Verdict;

/**
 * Calls an experiment: no winner while a variant has too few contacts; then the treatment
 * with the best rate wins if it beats the control group and every other treatment, each
 * test at the significance level split over the treatments (Bonferroni), so running more
 * treatments does not make a false winner more likely.
 */
final class Verdicts {

	private Verdicts() {
	}

	static Verdict of(ExperimentSettings settings, Map<String, VariantFigures> byVariant) {
		// a treatment paused after a lucky start is judged on the contacts it got, so it
		// needs the sample too
		Optional<VariantFigures> tooSmall = settings.weights()
			.entrySet()
			.stream()
			.filter(weight -> weight.getValue() > 0 || byVariant.get(weight.getKey()).assigned() > 0)
			.map(weight -> byVariant.get(weight.getKey()))
			.filter(figures -> figures.measured() < settings.minimumSample())
			.min(Comparator.comparingLong(VariantFigures::measured));
		if (tooSmall.isPresent()) {
			VariantFigures small = tooSmall.get();
			String stillIn = small.inWindow() == 0 ? "" : " (" + small.inWindow() + " more still in it)";
			return noWinner(
					"Sample too small: %s has %d contacts whose conversion window is over%s, each variant"
							+ " needs at least %d.",
					small.variant(), small.measured(), stillIn, settings.minimumSample());
		}
		// a treatment switched off (weight 0) before anyone got it has nothing to judge
		List<VariantFigures> treatments = settings.treatments()
			.stream()
			.map(byVariant::get)
			.filter(figures -> figures.assigned() > 0)
			.toList();
		if (treatments.isEmpty()) {
			return noWinner("No treatment to compare with the control group.");
		}
		VariantFigures control = byVariant.get(settings.control());
		if (control.assigned() == 0) {
			return noWinner("No winner: nobody is in the control group (%s), so no treatment's lift can be measured;"
					+ " give it a weight.", control.variant());
		}
		double level = settings.significanceLevel() / treatments.size();
		VariantFigures best = treatments.stream()
			.max(Comparator.comparingDouble(ExperimentAnalysis::rate))
			.orElseThrow();
		if (ExperimentAnalysis.rate(best) <= ExperimentAnalysis.rate(control)) {
			return noWinner("Not significant: no treatment converts more than %s (best: %s %s vs %s).",
					control.variant(), best.variant(), percent(best), percent(control));
		}
		double againstControl = ExperimentAnalysis.pValue(best, control);
		if (againstControl >= level) {
			return noWinner("Not significant: %s converts %s vs %s for %s, p = %s (needs < %s).", best.variant(),
					percent(best), percent(control), control.variant(), format(againstControl), format(level));
		}
		for (VariantFigures other : treatments) {
			if (other != best && ExperimentAnalysis.pValue(best, other) >= level) {
				return noWinner("Not significant: %s beats %s (p = %s) but not %s (%s vs %s, p = %s; needs < %s).",
						best.variant(), control.variant(), format(againstControl), other.variant(), percent(best),
						percent(other), format(ExperimentAnalysis.pValue(best, other)), format(level));
			}
		}
		return new Verdict(best.variant(), true,
				String.format(Locale.ROOT, "%s wins: %s converted vs %s for %s (p = %s)%s; each test at < %s.",
						best.variant(), percent(best), percent(control), control.variant(), format(againstControl),
						othersBeaten(best, treatments), format(level)));
	}

	private static String othersBeaten(VariantFigures best, List<VariantFigures> treatments) {
		StringBuilder text = new StringBuilder();
		for (VariantFigures other : treatments) {
			if (other != best) {
				text.append(String.format(Locale.ROOT, " and %s for %s (p = %s)", percent(other), other.variant(),
						format(ExperimentAnalysis.pValue(best, other))));
			}
		}
		return text.toString();
	}

	private static Verdict noWinner(String reason, Object... arguments) {
		return new Verdict(null, false, String.format(Locale.ROOT, reason, arguments));
	}

	private static String percent(VariantFigures figures) {
		return String.format(Locale.ROOT, "%.1f %%", 100 * ExperimentAnalysis.rate(figures));
	}

	private static String format(double p) {
		return String.format(Locale.ROOT, "%.3g", p);
	}

}
