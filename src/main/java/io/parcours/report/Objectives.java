package io.parcours.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

import io.parcours.report.ReportProperties.ObjectiveSetting;

import org.springframework.stereotype.Component;

/**
 * A journey's objective: declared in its diagram, overridden field by field in settings,
 * and measured against the journey's figures.
 */
@Component
class Objectives {

	private final ReportProperties properties;

	Objectives(ReportProperties properties) {
		this.properties = properties;
	}

	/** The declared objective, or null when neither the diagram nor settings give one. */
	Objective of(JourneyDefinition journey) {
		ObjectiveSetting setting = properties.objectives().get(journey.key());
		String kpi = pick(setting == null ? null : setting.kpi(), journey.property(Objective.KPI));
		if (kpi == null) {
			return null;
		}
		BigDecimal target = setting != null && setting.target() != null ? setting.target()
				: decimal(journey.property(Objective.TARGET));
		// the diagram's words describe the diagram's KPI and target ("15 % of sign-ups
		// order"): with either changed by settings, they would contradict the figures
		boolean measureChanged = setting != null && (setting.kpi() != null || setting.target() != null);
		String description = pick(setting == null ? null : setting.description(),
				measureChanged ? null : journey.property(Objective.DESCRIPTION));
		boolean overridden = setting != null && (setting.kpi() != null || setting.target() != null
				|| setting.description() != null || setting.activity() != null);
		return new Objective(kpi, target, description, overridden ? "settings" : "diagram", null, null);
	}

	/** The step a reach-rate KPI counts, as configured. */
	String activity(JourneyDefinition journey) {
		ObjectiveSetting setting = properties.objectives().get(journey.key());
		return pick(setting == null ? null : setting.activity(), journey.property(Objective.ACTIVITY));
	}

	/**
	 * The KPI's current value from the journey's figures, unrounded (4 of 6 is below a
	 * target of 0.66667), or null for an unknown KPI.
	 */
	static BigDecimal actual(String kpi, JourneyFigures.Totals totals, long handedToStep) {
		return switch (kpi) {
			case "conversion-rate", "recovery-rate", "reactivation-rate" ->
				exactRate(totals.converted(), totals.entered());
			case "conversions" -> BigDecimal.valueOf(totals.converted());
			case "revenue", "recovered-revenue" -> totals.revenueTotal();
			case "leads-handed-to-sales", "step-rate" -> exactRate(handedToStep, totals.entered());
			default -> null;
		};
	}

	/** Null when nobody entered yet: 0 of 0 is no rate, and no objective missed. */
	static BigDecimal rate(long part, long whole) {
		return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
	}

	private static BigDecimal exactRate(long part, long whole) {
		return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 16, RoundingMode.HALF_UP);
	}

	private static String pick(String setting, String diagram) {
		return setting != null && !setting.isBlank() ? setting : diagram;
	}

	private static BigDecimal decimal(String value) {
		try {
			return value == null ? null : new BigDecimal(value.strip());
		}
		catch (NumberFormatException notANumber) {
			return null;
		}
	}

}
