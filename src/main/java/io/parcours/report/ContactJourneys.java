package io.parcours.report;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * {@code GET /api/contacts/{id}/journeys}: a contact's journeys, newest first, and the
 * lead score over time when a journey keeps one (process variable {@code score}).
 */
record ContactJourneys(String contactId, List<ContactJourney> journeys, List<ScorePoint> scores) {

	record ContactJourney(String processInstanceId, String journey, String name, int version, Instant startedAt,
			Instant endedAt, String state, List<String> waitingAt, boolean converted, BigDecimal revenue,
			String currency) {
	}

	record ScorePoint(Instant at, Object value, String journey) {
	}

}
