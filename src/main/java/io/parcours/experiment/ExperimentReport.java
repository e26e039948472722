package io.parcours.experiment;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/experiments/{key}}: per variant the contacts assigned and converted,
 * the conversion rate with its 95 % Wilson interval, revenue (compared in the one
 * currency of the experiment's orders; with orders in several currencies only by
 * currency), lift and two-sided p-value against the control group and against A, and the
 * verdict. Fields that do not apply (lift of the control group against itself, rates
 * without contacts) are null, not absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentReport(String key, String journey, String control, String currency,
		List<VariantResult> variants, Verdict verdict, String trafficMovedTo) {

	/**
	 * One variant. "A" is the first treatment in name order, the reference the others are
	 * compared with besides the control group. Of the contacts {@code assigned}, those
	 * {@code measured} have their conversion window behind them: the conversions, rate,
	 * revenue, lifts and p-values count them; those {@code inWindow} count once it is
	 * over.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record VariantResult(String variant, int weight, long assigned, long measured, long inWindow, long converted,
			Double conversionRate, Interval confidenceInterval, BigDecimal revenue, BigDecimal revenuePerContact,
			Map<String, BigDecimal> revenueByCurrency, Double liftVsControl, Double pValueVsControl, Double liftVsA,
			Double pValueVsA) {
	}

	/**
	 * A winner once it is significant; otherwise why not (sample too small, not
	 * significant).
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Verdict(String winner, boolean significant, String reason) {
	}

}
