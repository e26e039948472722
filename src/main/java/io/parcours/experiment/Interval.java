package io.parcours.experiment;

/** A confidence interval of a rate, both ends between 0 and 1. */
public record Interval(double low, double high) {
}
