package io.parcours.journey;

/** A running journey instance that received a correlated message. */
public record CorrelatedJourney(String processInstanceId, String journey, String variant) {
}
