package io.parcours.journey;

import org.camunda.bpm.engine.AuthorizationException;

/**
 * The task reached someone whose role may not decide it (a routing table or a diagram
 * changed to hand sales' decision to a marketer): refused with 403, the task stays open.
 */
public class TaskNotYours extends AuthorizationException implements ClientRefusal {

	public TaskNotYours(String message) {
		super(message);
	}

}
