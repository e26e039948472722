package io.parcours.journey;

import org.camunda.bpm.engine.OptimisticLockingException;

/**
 * Two completions of one task at the same moment (two tabs, two reps): the later finds
 * the task's journey already moved on. Answered with 409, nothing changed.
 */
public class TaskDecidedMeanwhile extends OptimisticLockingException implements ClientRefusal {

	public TaskDecidedMeanwhile(String taskId) {
		super("Task " + taskId + " was decided meanwhile, in another tab or by someone else");
	}

	public TaskDecidedMeanwhile() {
		super("The task was decided meanwhile, in another tab or by someone else");
	}

}
