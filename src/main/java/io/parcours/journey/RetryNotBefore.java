package io.parcours.journey;

import java.time.Instant;

/**
 * Marks a failure that may be retried, but not before a given moment (e.g. a provider's
 * Retry-After).
 */
public interface RetryNotBefore {

	Instant notBefore();

}
