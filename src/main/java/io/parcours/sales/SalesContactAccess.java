package io.parcours.sales;

import io.parcours.config.Groups;
import io.parcours.contact.ContactReadAccess;

import org.camunda.bpm.engine.TaskService;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Ops and marketing read every contact. A sales rep reads the contacts of the open tasks
 * they may work on (assigned to them, or to one of their groups, an escalation included):
 * the lead they qualify, not the shop's customers.
 */
@Component
class SalesContactAccess implements ContactReadAccess {

	private final TaskService tasks;

	SalesContactAccess(TaskService tasks) {
		this.tasks = tasks;
	}

	@Override
	public boolean mayRead(Authentication user, String contactId) {
		boolean readsAll = user.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(group -> group.equals(Groups.OPS) || group.equals(Groups.MARKETING));
		if (readsAll) {
			return true;
		}
		String userId = user.getName();
		return tasks.createTaskQuery().processInstanceBusinessKey(contactId).taskAssignee(userId).count() > 0
				|| tasks.createTaskQuery()
					.processInstanceBusinessKey(contactId)
					.taskCandidateUser(userId)
					.includeAssignedTasks()
					.count() > 0;
	}

}
