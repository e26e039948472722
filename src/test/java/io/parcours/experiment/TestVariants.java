package io.parcours.experiment;

import java.util.Map;

import io.parcours.TestContacts;

/**
 * Contact ids that the real, deterministic assignment puts in a wanted variant: tests
 * walk a variant's path without any back door into the assignment.
 */
public final class TestVariants {

	private TestVariants() {
	}

	public static String contactIdIn(String experiment, Map<String, Integer> weights, String variant) {
		for (int attempt = 0; attempt < 10_000; attempt++) {
			String id = TestContacts.newId("c");
			if (VariantPicker.pick(experiment, id, weights).equals(variant)) {
				return id;
			}
		}
		throw new IllegalStateException("no contact id lands in " + variant + " with weights " + weights);
	}

}
