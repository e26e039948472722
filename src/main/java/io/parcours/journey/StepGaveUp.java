package io.parcours.journey;

/**
 * Told when a journey step has used its last retry: its incident is raised in Cockpit,
 * and nothing more happens until ops retry it.
 */
public interface StepGaveUp {

	/**
	 * {@code idempotencyKey} as {@link JourneyStep#idempotencyKey} gave it to the step.
	 */
	void gaveUp(String idempotencyKey, String error);

}
