package io.parcours.journey;

/**
 * A failure the engine's retries are made for (a provider down, slow or rate limiting):
 * the job executor's warning says it, and the incident, once the retries are spent, is
 * where ops look; the engine's error line about each attempt is dropped, so that errors
 * in the log are real failures.
 */
public interface RetriedFailure {

}
