package io.parcours.report;

/** {@code GET /api/journeys}: a deployed journey at its latest version. */
record JourneySummary(String key, String name, int version, String description, Objective objective,
		String experiment) {
}
