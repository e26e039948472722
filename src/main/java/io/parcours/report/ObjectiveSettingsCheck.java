package io.parcours.report;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.parcours.report.ReportProperties.ObjectiveSetting;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Checks the objectives given in settings as deployment checks a diagram's, once the
 * engine has deployed the project's journeys and before the application serves anyone: a
 * KPI the dashboard does not know or cannot measure of its journey, or a target that
 * could never be met, refuses to start, naming the setting; an objective for a journey
 * that is not deployed is only a warning (a marketer may deploy it later from the
 * Modeler), since it shows nothing until then.
 */
@Component
class ObjectiveSettingsCheck implements SmartInitializingSingleton {

	private static final Logger log = LoggerFactory.getLogger(ObjectiveSettingsCheck.class);

	private static final String PREFIX = "parcours.report.objectives.";

	private final ReportProperties properties;

	private final JourneyDefinitions definitions;

	ObjectiveSettingsCheck(ReportProperties properties, JourneyDefinitions definitions) {
		this.properties = properties;
		this.definitions = definitions;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (properties.objectives().isEmpty()) {
			return;
		}
		Findings findings = findings(properties.objectives(), definitions.latest());
		findings.warnings().forEach(log::warn);
		if (!findings.problems().isEmpty()) {
			throw new IllegalStateException("Refusing to start: the objectives in settings cannot be measured: "
					+ String.join("; ", findings.problems()));
		}
	}

	/** What refuses to start, and what is only worth a warning. */
	record Findings(List<String> problems, List<String> warnings) {
	}

	static Findings findings(Map<String, ObjectiveSetting> settings, List<JourneyDefinition> deployed) {
		Map<String, JourneyDefinition> journeys = deployed.stream()
			.collect(Collectors.toMap(JourneyDefinition::key, Function.identity()));
		List<String> problems = new ArrayList<>();
		List<String> warnings = new ArrayList<>();
		settings.forEach((key, setting) -> {
			JourneyDefinition journey = journeys.get(key);
			String kpi = given(setting.kpi());
			if (kpi != null && !Kpis.KNOWN.contains(kpi)) {
				problems.add(name(key, "kpi") + " is '" + kpi + "', which is no KPI Parcours measures: one of "
						+ String.join(", ", Kpis.KNOWN.stream().sorted().toList()));
			}
			// an unknown KPI is refused above: its target is only checked for its range
			String measured = kpi != null ? Kpis.KNOWN.contains(kpi) ? kpi : null
					: journey == null ? null : journey.property(Objective.KPI);
			BigDecimal target = setting.target();
			if (target != null) {
				Kpis.targetProblem(measured, target)
					.ifPresent(reason -> problems
						.add(name(key, "target") + " '" + target.toPlainString() + "' " + strip(reason)));
			}
			if (journey == null) {
				warnings.add("Settings give an objective for journey '" + key + "' (" + PREFIX + key
						+ "), but no journey of that key is deployed: it shows on the dashboard once one is."
						+ " Deployed journeys: " + String.join(", ", journeys.keySet().stream().sorted().toList())
						+ "; check the key if it is none of them.");
				return;
			}
			String activity = given(setting.activity());
			if (activity != null && !journey.steps().containsKey(activity)) {
				problems.add(name(key, "activity") + " is '" + activity + "', which is no step of journey '" + key
						+ "': give the id of the step whose reach the objective counts");
			}
			else if (kpi != null || activity != null) {
				String counted = activity != null ? activity : journey.property(Objective.ACTIVITY);
				Kpis.unmeasurable(measured, counted, journey.shape())
					.ifPresent(reason -> problems.add(name(key, kpi != null ? "kpi" : "activity") + ": " + strip(reason)
						.replace("objective.activity", "objective.activity (or " + PREFIX + key + ".activity)")));
			}
		});
		return new Findings(problems, warnings);
	}

	/** The setting, and its environment variable when a key without a dash has one. */
	static String name(String key, String field) {
		String setting = PREFIX + key + "." + field;
		return key.matches("[A-Za-z0-9]+")
				? setting + " (" + ("PARCOURS_REPORT_OBJECTIVES_" + key + "_" + field).toUpperCase(Locale.ROOT) + ")"
				: setting;
	}

	/** Blank is not given, as the dashboard reads it. */
	static String given(String value) {
		return value == null || value.isBlank() ? null : value;
	}

	/** A reason joined into a sentence of several. */
	private static String strip(String reason) {
		return reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason;
	}

}
