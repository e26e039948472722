package io.parcours.experiment;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import io.parcours.experiment.Assignments.VariantFigures;
import io.parcours.experiment.ExperimentReport.VariantResult;

/**
 * Turns each variant's counts into rates, intervals, lifts and p-values, over the
 * contacts whose conversion window is over: those still in it may order yet, and counting
 * them would compare a variant's fresh contacts with another's finished ones whenever the
 * traffic's shares change (new weights, new traffic moved to a winner).
 */
final class ExperimentAnalysis {

	private ExperimentAnalysis() {
	}

	/**
	 * Every configured variant, with zero figures if nobody was assigned yet, then any
	 * variant that has contacts but was removed from the settings.
	 */
	static Map<String, VariantFigures> byVariant(ExperimentSettings settings, List<VariantFigures> figures) {
		Map<String, VariantFigures> byVariant = new TreeMap<>();
		settings.weights().keySet().forEach(variant -> byVariant.put(variant, empty(variant)));
		figures.forEach(figure -> byVariant.put(figure.variant(), figure));
		return byVariant;
	}

	/**
	 * The one currency of the experiment's orders, in which revenue is compared; empty
	 * when there are none or several (then only the amounts by currency are given).
	 */
	static Optional<String> currency(Map<String, VariantFigures> byVariant) {
		Set<String> currencies = byVariant.values()
			.stream()
			.flatMap(figures -> figures.revenueByCurrency().keySet().stream())
			.collect(Collectors.toSet());
		return currencies.size() == 1 ? Optional.of(currencies.iterator().next()) : Optional.empty();
	}

	/** {@code weights}: the share each variant gets of new contacts now. */
	static List<VariantResult> results(ExperimentSettings settings, Map<String, Integer> weights,
			Map<String, VariantFigures> byVariant) {
		boolean comparable = currency(byVariant).isPresent()
				|| byVariant.values().stream().allMatch(figures -> figures.revenueByCurrency().isEmpty());
		VariantFigures control = byVariant.get(settings.control());
		VariantFigures reference = settings.treatments().isEmpty() ? null : byVariant.get(settings.treatments().get(0));
		List<VariantResult> results = new ArrayList<>();
		byVariant.values().forEach(figures -> {
			boolean isControl = figures == control;
			VariantFigures againstA = isControl ? null : reference;
			results.add(new VariantResult(figures.variant(), weights.getOrDefault(figures.variant(), 0),
					figures.assigned(), figures.measured(), figures.inWindow(), figures.converted(), rate(figures),
					figures.measured() == 0 ? null
							: Proportions.wilson(figures.converted(), figures.measured(), Proportions.Z_95),
					comparable ? revenue(figures) : null, comparable ? revenuePerContact(figures) : null,
					figures.revenueByCurrency(), lift(figures, control), pValue(figures, control),
					lift(figures, againstA), pValue(figures, againstA)));
		});
		return results;
	}

	static Double rate(VariantFigures figures) {
		return figures.measured() == 0 ? null : (double) figures.converted() / figures.measured();
	}

	/** Relative lift: +0.5 means 50 % more conversions than the reference. */
	static Double lift(VariantFigures figures, VariantFigures reference) {
		if (reference == null || reference == figures || figures.measured() == 0 || reference.measured() == 0
				|| reference.converted() == 0) {
			return null;
		}
		return (rate(figures) - rate(reference)) / rate(reference);
	}

	static Double pValue(VariantFigures figures, VariantFigures reference) {
		if (reference == null || reference == figures || figures.measured() == 0 || reference.measured() == 0) {
			return null;
		}
		return Proportions.twoSidedPValue(figures.converted(), figures.measured(), reference.converted(),
				reference.measured());
	}

	private static BigDecimal revenue(VariantFigures figures) {
		return figures.revenueByCurrency().values().stream().reduce(BigDecimal.ZERO.setScale(2), BigDecimal::add);
	}

	private static BigDecimal revenuePerContact(VariantFigures figures) {
		return figures.measured() == 0 ? null
				: revenue(figures).divide(BigDecimal.valueOf(figures.measured()), 2, RoundingMode.HALF_EVEN);
	}

	private static VariantFigures empty(String variant) {
		return new VariantFigures(variant, 0, 0, Map.of(), 0);
	}

}
