package io.parcours.experiment;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * One A/B experiment ({@code parcours.experiments.<key>.*}): its variants and their
 * weights, which one is the control group (the holdout that receives nothing), how long
 * after entering the journey an order counts, and when a result is called.
 *
 * @param journey the journey the experiment runs in (for the reports)
 * @param weights relative weight of each variant, e.g. A 45, B 45, control 10
 * @param control the variant that receives no message
 * @param conversionWindow an order this long after the contact entered the journey
 * counts, even after the journey ended
 * @param minimumSample contacts each variant needs before a verdict is given
 * @param significanceLevel the two-sided test level, before the Bonferroni correction
 * @param moveTrafficToWinner once a winner is significant, assign new contacts to the
 * winner or the control group only
 */
public record ExperimentSettings(@DefaultValue("") String journey, Map<String, Integer> weights,
		@DefaultValue("control") String control,
		@DefaultValue("P7D") @DurationUnit(ChronoUnit.DAYS) Duration conversionWindow,
		@DefaultValue("100") int minimumSample, @DefaultValue("0.05") double significanceLevel,
		@DefaultValue("false") boolean moveTrafficToWinner) {

	public ExperimentSettings {
		weights = weights == null ? Map.of() : new TreeMap<>(weights);
		if (weights.values().stream().anyMatch(weight -> weight == null || weight < 0)
				|| weights.values().stream().mapToInt(Integer::intValue).sum() <= 0) {
			throw new IllegalArgumentException(
					"an experiment needs variant weights of 0 or more, not all 0: " + weights);
		}
		if (!weights.containsKey(control)) {
			throw new IllegalArgumentException(
					"the control group '" + control + "' is not one of the variants " + weights.keySet());
		}
		if (conversionWindow.isNegative() || conversionWindow.isZero()) {
			throw new IllegalArgumentException(
					"the conversion window must be positive (P7D, or 7 for days): " + conversionWindow);
		}
		if (significanceLevel <= 0 || significanceLevel >= 1) {
			throw new IllegalArgumentException("the significance level must be between 0 and 1: " + significanceLevel);
		}
	}

	/** The variants other than the control group, in name order. */
	public List<String> treatments() {
		return weights.keySet().stream().filter(variant -> !variant.equals(control)).toList();
	}

	/**
	 * The winner new traffic goes to, if the setting allows it and ops left it a weight:
	 * a weight of 0 stops a variant, the winner too.
	 */
	Optional<String> trafficWinner(Optional<String> movedTo) {
		return movedTo.filter(winner -> moveTrafficToWinner && weights.getOrDefault(winner, 0) > 0);
	}

	/**
	 * The weights new contacts are drawn from, once traffic may have moved to a winner.
	 */
	Map<String, Integer> weightsIn(Optional<String> movedTo) {
		return trafficWinner(movedTo).map(this::weightsMovedTo).orElse(weights);
	}

	/**
	 * The weights once traffic moved to a winner: the control group keeps its share, the
	 * winner takes the rest.
	 */
	private Map<String, Integer> weightsMovedTo(String winner) {
		int total = weights.values().stream().mapToInt(Integer::intValue).sum();
		int controlWeight = weights.get(control);
		return new TreeMap<>(Map.of(control, controlWeight, winner, total - controlWeight));
	}

}
