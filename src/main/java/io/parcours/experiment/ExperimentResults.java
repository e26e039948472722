package io.parcours.experiment;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import io.parcours.experiment.Assignments.VariantFigures;

import org.springframework.stereotype.Service;

/**
 * The results of an experiment, counted from the assignments and the order data: an order
 * of an assigned contact within their conversion window counts, also one placed after the
 * journey ended.
 */
@Service
public class ExperimentResults {

	private final ExperimentProperties properties;

	private final Assignments assignments;

	private final Traffic traffic;

	private final Clock clock;

	ExperimentResults(ExperimentProperties properties, Assignments assignments, Traffic traffic, Clock clock) {
		this.clock = clock;
		this.properties = properties;
		this.assignments = assignments;
		this.traffic = traffic;
	}

	/** Empty when no such experiment is configured. */
	public Optional<ExperimentReport> report(String key) {
		return properties.find(key).map(settings -> report(key, settings));
	}

	private ExperimentReport report(String key, ExperimentSettings settings) {
		Map<String, VariantFigures> byVariant = ExperimentAnalysis.byVariant(settings,
				assignments.figures(key, clock.instant()));
		Optional<String> movedTo = settings.moveTrafficToWinner() ? settings.trafficWinner(traffic.movedTo(key))
				: Optional.empty();
		return new ExperimentReport(key, settings.journey(), settings.control(),
				ExperimentAnalysis.currency(byVariant).orElse(null),
				ExperimentAnalysis.results(settings, settings.weightsIn(movedTo), byVariant),
				Verdicts.of(settings, byVariant), movedTo.orElse(null));
	}

}
