package io.parcours.journey;

/**
 * A diagram step lacks what it needs (a template, a channel): fixing the model is the
 * only cure.
 */
public class StepMisconfiguredException extends RuntimeException implements NonRetryable {

	public StepMisconfiguredException(String message) {
		super(message);
	}

}
