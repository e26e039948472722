package io.parcours.report;

import java.util.Set;

/**
 * What of a journey's diagram decides which KPIs the dashboard can measure of it.
 *
 * @param delegates the delegate expressions its service steps call
 * ({@code ${handToSales}})
 * @param waitedMessages the messages its steps wait for ({@code OrderCompleted})
 * @param startMessages the messages it starts on ({@code CartAbandoned})
 */
public record JourneyShape(Set<String> delegates, Set<String> waitedMessages, Set<String> startMessages) {
}
