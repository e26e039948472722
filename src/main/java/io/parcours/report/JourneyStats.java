package io.parcours.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/journeys/{key}/stats}: one journey's figures, all versions together,
 * test runs left out. The dashboard shows exactly these.
 */
record JourneyStats(String journey, String name, int version, long entered, long active, long completed, long canceled,
		long converted, BigDecimal conversionRate, Revenue revenue, Objective objective, List<ChannelMessages> messages,
		List<Step> funnel, String experiment, Instant generatedAt) {

	/**
	 * Attributed revenue; {@code total} and {@code currency} only when there is one
	 * currency.
	 */
	record Revenue(BigDecimal total, String currency, Map<String, BigDecimal> byCurrency) {
	}

	/** Messages of one channel by status, and why those skipped were skipped. */
	record ChannelMessages(String channel, long total, Map<String, Long> byStatus, Map<String, Long> skippedReasons) {
	}

	/**
	 * A step of the funnel: instances that reached it, instances waiting there now, and
	 * its messages by status.
	 */
	record Step(String activityId, String name, String type, long reached, long waiting, Map<String, Long> messages) {
	}

}
