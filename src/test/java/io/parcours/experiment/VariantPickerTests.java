package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class VariantPickerTests {

	static final Map<String, Integer> WEIGHTS = Map.of("A", 45, "B", 45, "control", 10);

	static final int CONTACTS = 10_000;

	@Test
	void aContactAlwaysGetsTheSameVariant() {
		for (int i = 0; i < 1_000; i++) {
			String contact = "contact-" + i;
			assertThat(VariantPicker.pick("cart-reminder", contact, WEIGHTS))
				.isEqualTo(VariantPicker.pick("cart-reminder", contact, new TreeMap<>(WEIGHTS)));
		}
		// pinned, computed apart with Python's hashlib (first 8 bytes of SHA-256 of
		// "cart-reminder\0c-42", top 53 bits): a change of the hash would silently
		// reshuffle the contacts of every running experiment
		assertThat(VariantPicker.position("cart-reminder", "c-42")).isEqualTo(0.6314374404846922);
		assertThat(IntStream.range(0, 10).mapToObj(i -> VariantPicker.pick("cart-reminder", "c-" + i, WEIGHTS)))
			.containsExactly("B", "A", "B", "A", "B", "A", "control", "control", "B", "B");
	}

	@Test
	void tenThousandContactsSplitCloseToTheWeights() {
		Map<String, Long> counts = IntStream.range(0, CONTACTS)
			.mapToObj(i -> VariantPicker.pick("cart-reminder", "c-" + i, WEIGHTS))
			.collect(Collectors.groupingBy(variant -> variant, Collectors.counting()));

		// four standard deviations of a binomial share: 0.45 ± 0.020, 0.10 ± 0.012
		assertThat(counts.get("A") / (double) CONTACTS).isCloseTo(0.45, within(4 * Math.sqrt(0.45 * 0.55 / CONTACTS)));
		assertThat(counts.get("B") / (double) CONTACTS).isCloseTo(0.45, within(4 * Math.sqrt(0.45 * 0.55 / CONTACTS)));
		assertThat(counts.get("control") / (double) CONTACTS).isCloseTo(0.10,
				within(4 * Math.sqrt(0.10 * 0.90 / CONTACTS)));
		assertThat(chiSquare(counts)).as("chi-square, 2 degrees of freedom, 0.1 %% critical value 13.8")
			.isLessThan(13.8);
	}

	@Test
	void positionsAreUniformAndIndependentBetweenExperiments() {
		double[] first = IntStream.range(0, CONTACTS)
			.mapToDouble(i -> VariantPicker.position("one", "c-" + i))
			.toArray();
		double[] second = IntStream.range(0, CONTACTS)
			.mapToDouble(i -> VariantPicker.position("two", "c-" + i))
			.toArray();

		assertThat(IntStream.range(0, CONTACTS).mapToDouble(i -> first[i]).average().orElseThrow()).isCloseTo(0.5,
				within(0.01));
		assertThat(new org.apache.commons.math3.stat.correlation.PearsonsCorrelation().correlation(first, second))
			.isCloseTo(0, within(0.04));
	}

	@Test
	void aVariantWeighingNothingGetsNobodyAndTheOrderOfWeightsDoesNotMatter() {
		Map<String, Integer> paused = new LinkedHashMap<>();
		paused.put("control", 10);
		paused.put("B", 90);
		paused.put("A", 0);
		Map<String, Integer> reordered = new LinkedHashMap<>();
		reordered.put("A", 0);
		reordered.put("B", 90);
		reordered.put("control", 10);

		for (int i = 0; i < 2_000; i++) {
			String variant = VariantPicker.pick("cart-reminder", "c-" + i, paused);
			assertThat(variant).isNotEqualTo("A").isEqualTo(VariantPicker.pick("cart-reminder", "c-" + i, reordered));
		}
		assertThat(VariantPicker.pick(0.9999999, paused)).isEqualTo("control");
		assertThat(VariantPicker.pick(0.0, paused)).isEqualTo("B");
	}

	private static double chiSquare(Map<String, Long> counts) {
		double total = WEIGHTS.values().stream().mapToInt(Integer::intValue).sum();
		return WEIGHTS.entrySet().stream().mapToDouble(weight -> {
			double expected = CONTACTS * weight.getValue() / total;
			double observed = counts.get(weight.getKey());
			return (observed - expected) * (observed - expected) / expected;
		}).sum();
	}

}
