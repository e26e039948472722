package io.parcours.sales;

import java.util.Optional;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The open "Qualify hot lead" task of a journey instance. */
@Component
public class QualifyTasks {

	private static final Logger log = LoggerFactory.getLogger(QualifyTasks.class);

	private final TaskService tasks;

	QualifyTasks(TaskService tasks) {
		this.tasks = tasks;
	}

	public Optional<Task> open(String processInstanceId) {
		return tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(Opportunities.QUALIFY_TASK)
			.list()
			.stream()
			.findFirst();
	}

	/**
	 * Lets the sales managers see, claim and complete the task, next to its owner; a task
	 * routed to them already keeps its one link (a second would make taking them off look
	 * undone while it takes both).
	 */
	public void escalate(String processInstanceId) {
		open(processInstanceId).filter(task -> !isCandidate(task, SalesAccess.MANAGERS)).ifPresent(task -> {
			tasks.addCandidateGroup(task.getId(), SalesAccess.MANAGERS);
			log.info("Task {} of journey {} escalated to {}", task.getId(), processInstanceId, SalesAccess.MANAGERS);
		});
	}

	private boolean isCandidate(Task task, String group) {
		return tasks.getIdentityLinksForTask(task.getId())
			.stream()
			.anyMatch(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && group.equals(link.getGroupId()));
	}

}
