package io.parcours.journey;

import java.time.Instant;

/**
 * A running journey instance that received a correlated message; {@code enteredAt} when
 * the contact entered it before it started (null: when it started).
 */
public record CorrelatedJourney(String processInstanceId, String journey, String variant, Instant enteredAt) {
}
