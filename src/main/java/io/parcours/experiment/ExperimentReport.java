package io.parcours.experiment;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /api/experiments/{key}}: per variant the contacts assigned and converted,
 * the conversion rate with its 95 % Wilson interval, revenue, lift and two-sided p-value
 * against the control group and against A, and the verdict. Fields that do not apply
 * (lift of the control group against itself, rates without contacts) are null, not
 * absent.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ExperimentReport(String key, String journey, String control, List<VariantResult> variants,
		Verdict verdict, String trafficMovedTo) {

	/**
	 * One variant. "A" is the first treatment in name order, the reference the others are
	 * compared with besides the control group.
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record VariantResult(String variant, int weight, long assigned, long converted, Double conversionRate,
			Interval confidenceInterval, BigDecimal revenue, BigDecimal revenuePerContact, Double liftVsControl,
			Double pValueVsControl, Double liftVsA, Double pValueVsA) {
	}

	/**
	 * A winner once it is significant; otherwise why not (sample too small, not
	 * significant).
	 */
	@JsonInclude(JsonInclude.Include.ALWAYS)
	public record Verdict(String winner, boolean significant, String reason) {
	}

}
