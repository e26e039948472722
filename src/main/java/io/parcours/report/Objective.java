package io.parcours.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What a journey is for, as a relationship-marketing plan says it: a business KPI and its
 * target, declared in the diagram ({@code objective.*} process properties) or overridden
 * in settings. {@code actual} is the KPI's current value and {@code met} whether it
 * reaches the target; both are null when the KPI is unknown or cannot be measured yet (a
 * rate of a journey nobody entered).
 */
record Objective(String kpi, BigDecimal target, String description, String source, BigDecimal actual, Boolean met) {

	static final String KPI = "objective.kpi";

	static final String TARGET = "objective.target";

	static final String DESCRIPTION = "objective.description";

	/** The step whose reach the {@code step-rate} and hand-to-sales KPIs measure. */
	static final String ACTIVITY = "objective.activity";

	/** Rates are shown to 4 decimals, as the journey's figures show them. */
	static final int SHOWN_DECIMALS = 4;

	/** Met or not on the exact value; shown rounded. */
	Objective evaluatedAt(BigDecimal value) {
		Boolean reached = value == null || target == null ? null : value.compareTo(target) >= 0;
		BigDecimal shown = value != null && value.scale() > SHOWN_DECIMALS
				? value.setScale(SHOWN_DECIMALS, RoundingMode.HALF_UP) : value;
		return new Objective(kpi, target, description, source, shown, reached);
	}

}
