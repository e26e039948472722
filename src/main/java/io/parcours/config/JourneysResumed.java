package io.parcours.config;

/**
 * Told once ops' command that resumes suspended journeys (an instance, a definition, a
 * batch of instances) has committed: what waited for those journeys can go on at once.
 */
@FunctionalInterface
public interface JourneysResumed {

	void resumed();

}
