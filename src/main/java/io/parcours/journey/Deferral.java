package io.parcours.journey;

/**
 * Marks a step that did not fail but must wait (e.g. for a free slot at a rate-limited
 * provider): its job runs again at {@link #notBefore()}, and the wait uses none of its
 * retries, so no incident comes of it however long the queue.
 */
public interface Deferral extends RetryNotBefore {

}
