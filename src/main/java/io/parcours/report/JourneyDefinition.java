package io.parcours.report;

import java.util.Comparator;
import java.util.Map;

/**
 * The latest deployed version of a journey, as the report needs it: its names, the
 * extension properties of its process, and the reading order of its steps.
 */
record JourneyDefinition(String key, String name, int version, String definitionId, String description,
		Map<String, String> properties, Map<String, Integer> stepOrder, Map<String, String> delegates,
		Map<String, Step> steps, JourneyShape shape) {

	/** A flow node as drawn: its name and BPMN type ({@code serviceTask}, ...). */
	record Step(String name, String type) {
	}

	static final String EXPERIMENT_KEY = "experiment.key";

	/** The first step bound to the delegate ({@code ${handToSales}}), if any. */
	String stepCalling(String delegateExpression) {
		return delegates.entrySet()
			.stream()
			.filter(step -> step.getValue().equals(delegateExpression))
			.map(Map.Entry::getKey)
			.min(Comparator.comparingInt(this::positionOf))
			.orElse(null);
	}

	String property(String name) {
		return properties.get(name);
	}

	/**
	 * Left to right, then top to bottom, as drawn; steps not in this version come last.
	 */
	int positionOf(String activityId) {
		return stepOrder.getOrDefault(activityId, Integer.MAX_VALUE);
	}

}
