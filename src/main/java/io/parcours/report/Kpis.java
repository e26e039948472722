package io.parcours.report;

import java.math.BigDecimal;
import java.util.Optional;
import java.util.Set;

import io.parcours.journey.MessageNames;

/** The business KPIs a journey's objective may name ({@code objective.kpi}). */
public final class Kpis {

	public static final Set<String> KNOWN = Set.of("conversion-rate", "recovery-rate", "reactivation-rate",
			"conversions", "revenue", "recovered-revenue", "leads-handed-to-sales", "step-rate");

	/** The KPIs that are shares of the contacts who entered: their target is one too. */
	public static final Set<String> RATES = Set.of("conversion-rate", "recovery-rate", "reactivation-rate",
			"leads-handed-to-sales", "step-rate");

	/**
	 * The KPIs counted from the orders a journey records: an order is recorded only by a
	 * journey waiting for it ({@code OrderCompleted}).
	 */
	static final Set<String> FROM_ORDERS = Set.of("conversion-rate", "recovery-rate", "reactivation-rate",
			"conversions", "revenue", "recovered-revenue");

	/**
	 * The KPIs of a recovered cart: only a journey started on one has a cart to recover.
	 */
	static final Set<String> FROM_CARTS = Set.of("recovery-rate", "recovered-revenue");

	/** Far beyond any journey's revenue, and what a figure may show. */
	private static final BigDecimal LARGEST_TARGET = new BigDecimal("1000000000000");

	/** The step the hand-to-sales KPI counts unless the objective names one. */
	public static final String HAND_TO_SALES = "${handToSales}";

	private Kpis() {
	}

	/**
	 * Why the target could never be met or shown, following its value ("is no share for
	 * 'conversion-rate': ..."); empty when it is fine.
	 * @param kpi the objective's KPI, or null when it has none
	 */
	public static Optional<String> targetProblem(String kpi, BigDecimal target) {
		if (kpi != null && RATES.contains(kpi) && (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0)) {
			return Optional.of("is no share for '" + kpi + "': write it between 0 and 1 (0.15 for 15 %).");
		}
		if (target.signum() < 0 || target.abs().compareTo(LARGEST_TARGET) > 0) {
			return Optional.of("is out of reach: a positive amount or count, below 10^12.");
		}
		return Optional.empty();
	}

	/**
	 * What a journey lacks for the dashboard to measure the KPI, said for the marketer:
	 * without it the objective would show "below target" for ever. Empty when the journey
	 * has it, or the KPI is unknown (refused on its own).
	 * @param activity the step the objective names ({@code objective.activity}), or null
	 */
	public static Optional<String> unmeasurable(String kpi, String activity, JourneyShape journey) {
		if (kpi == null || !KNOWN.contains(kpi)) {
			return Optional.empty();
		}
		if (FROM_ORDERS.contains(kpi) && !journey.waitedMessages().contains(MessageNames.ORDER_COMPLETED)) {
			return Optional.of("'" + kpi + "' counts the orders of the journey's contacts, but the journey never"
					+ " waits for one: add an \"Order completed at any time\" event sub-process waiting for message "
					+ MessageNames.ORDER_COMPLETED + " (as in welcome.bpmn), or pick a KPI this journey measures.");
		}
		if (FROM_CARTS.contains(kpi) && !journey.startMessages().contains(MessageNames.CART_ABANDONED)) {
			return Optional.of("'" + kpi + "' counts recovered carts, but the journey does not start on an"
					+ " abandoned cart (message " + MessageNames.CART_ABANDONED + "): pick "
					+ ("recovery-rate".equals(kpi) ? "conversion-rate" : "revenue") + " instead.");
		}
		if ("leads-handed-to-sales".equals(kpi) && activity == null && !journey.delegates().contains(HAND_TO_SALES)) {
			return Optional.of("'leads-handed-to-sales' counts the leads reaching the step that hands them to sales,"
					+ " but no step of the journey does (the Hand to sales template, " + HAND_TO_SALES
					+ "): name the step it counts in objective.activity, or pick a KPI this journey measures.");
		}
		if ("step-rate".equals(kpi) && activity == null) {
			return Optional.of("'step-rate' counts the contacts who reach a step: name it in objective.activity.");
		}
		return Optional.empty();
	}

}
