package io.parcours.journey;

/**
 * Marks a failure that no retry can fix: the job fails at once and raises an incident for
 * ops.
 */
public interface NonRetryable {

}
