package io.parcours.report;

import java.util.Set;

/** The business KPIs a journey's objective may name ({@code objective.kpi}). */
public final class Kpis {

	public static final Set<String> KNOWN = Set.of("conversion-rate", "recovery-rate", "reactivation-rate",
			"conversions", "revenue", "recovered-revenue", "leads-handed-to-sales", "step-rate");

	private Kpis() {
	}

}
