package io.parcours.config;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A task completion that kept failing to lock a row another transaction held (the lead's
 * score while one of its activities was applied, say), each attempt rolled back: answered
 * 409, the task still open, instead of a 500 carrying the database's message.
 */
class TaskCompletionBlocked extends ProcessEngineException {

	static final String MESSAGE = "The task's journey was busy with another change at the same moment (an activity of"
			+ " the lead, say): nothing was changed by this call and the task is still open. Complete it again.";

	TaskCompletionBlocked(Throwable lockFailure) {
		super(MESSAGE, lockFailure);
	}

}
