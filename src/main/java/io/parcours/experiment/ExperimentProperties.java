package io.parcours.experiment;

import java.util.Map;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The experiments journeys may run, by key ({@code parcours.experiments.cart-reminder}).
 */
@ConfigurationProperties("parcours")
public record ExperimentProperties(Map<String, ExperimentSettings> experiments) {

	public ExperimentProperties {
		experiments = experiments == null ? Map.of() : Map.copyOf(experiments);
	}

	public Optional<ExperimentSettings> find(String key) {
		return Optional.ofNullable(experiments.get(key));
	}

}
