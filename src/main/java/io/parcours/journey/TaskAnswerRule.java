package io.parcours.journey;

import java.util.List;
import java.util.Optional;

/**
 * Who may answer one user task of a journey (write its form's fields, complete it),
 * beyond the engine's task permissions: the engine lets whoever holds a task write its
 * variables, while some decisions belong to a role (a hot lead is qualified by sales,
 * whoever it was routed to).
 */
public interface TaskAnswerRule {

	String processDefinitionKey();

	String taskDefinitionKey();

	/** Why the user may not answer the task; empty when they may. */
	Optional<String> refusal(String userId, List<String> groupIds);

}
