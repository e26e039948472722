package io.parcours.report;

import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The KPI and step that settings give a journey's objective, over what its diagram
 * declares: a diagram deployed later from the Modeler is checked against them too, or the
 * dashboard would show an objective it cannot measure and the next start would refuse the
 * settings.
 */
@Component
public class ObjectiveOverrides {

	/** A field given in settings, and the setting's name as ops write it. */
	public record Given(String value, String setting) {
	}

	/** What settings give a journey's objective; a field not given is null. */
	public record Override(Given kpi, Given activity) {
	}

	private final ReportProperties properties;

	ObjectiveOverrides(ReportProperties properties) {
		this.properties = properties;
	}

	public Optional<Override> of(String journey) {
		ReportProperties.ObjectiveSetting setting = properties.objectives().get(journey);
		if (setting == null) {
			return Optional.empty();
		}
		Given kpi = given(setting.kpi(), ObjectiveSettingsCheck.name(journey, "kpi"));
		Given activity = given(setting.activity(), ObjectiveSettingsCheck.name(journey, "activity"));
		return kpi == null && activity == null ? Optional.empty() : Optional.of(new Override(kpi, activity));
	}

	private static Given given(String value, String setting) {
		String given = ObjectiveSettingsCheck.given(value);
		return given == null ? null : new Given(given, setting);
	}

}
