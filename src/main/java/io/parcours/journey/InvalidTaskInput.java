package io.parcours.journey;

import org.camunda.bpm.engine.impl.form.validator.FormFieldValidationException;

/**
 * What a user submitted to complete a task is not a decision the journey can follow
 * (Tasklist's form prevents it; a REST client may not). The engine's own "invalid form
 * field" failure, so the task stays open and the engine REST API answers 400 with this
 * message; the field is the detail.
 */
public class InvalidTaskInput extends FormFieldValidationException implements ClientRefusal {

	public InvalidTaskInput(String field, String message) {
		super(field, message);
	}

	/** The task variable at fault. */
	public String field() {
		return getDetail();
	}

}
