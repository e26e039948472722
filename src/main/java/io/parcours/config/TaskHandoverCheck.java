package io.parcours.config;

import java.util.List;
import java.util.Optional;

import io.parcours.journey.TaskAnswerRule;
import io.parcours.journey.TaskNotYours;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A task only some roles may answer ({@link TaskAnswerRule}: "Qualify hot lead", sales
 * and ops) goes only to them. The engine lets whoever holds a task assign, delegate,
 * claim or share it (a candidate user or group), and whoever it reaches may then read the
 * lead's card and the contact behind it, and take it from its team. Refused with 403, in
 * Tasklist and the engine REST API alike; the task stays as it was.
 */
@Component
class TaskHandoverCheck extends AbstractCamundaConfiguration {

	private final ObjectProvider<TaskAnswerRule> rules;

	TaskHandoverCheck(ObjectProvider<TaskAnswerRule> rules) {
		this.rules = rules;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		OuterCommandInterceptors.addFirst(configuration, new CommandInterceptor() {

			@Override
			public <T> T execute(Command<T> command) {
				if (handsOver(command)) {
					Optional<String> taskId = CommandFields.text(command, "taskId");
					Optional<String> userId = CommandFields.text(command, "userId");
					Optional<String> groupId = CommandFields.text(command, "groupId");
					if (taskId.isPresent() && (userId.isPresent() || groupId.isPresent())) {
						next.execute(context -> {
							check(context, taskId.get(), userId.orElse(null), groupId.orElse(null));
							return null;
						});
					}
				}
				return next.execute(command);
			}

		});
	}

	/** Adding a candidate, an assignee or an owner; claiming; delegating. */
	private static boolean handsOver(Command<?> command) {
		return command instanceof AbstractAddIdentityLinkCmd || command instanceof ClaimTaskCmd
				|| command instanceof DelegateTaskCmd;
	}

	private void check(CommandContext context, String taskId, String userId, String groupId) {
		if (context.getAuthenticatedUserId() == null) {
			// the application's own call, not a person's
			return;
		}
		TaskEntity task = context.getTaskManager().findTaskById(taskId);
		if (task == null || task.getProcessDefinitionId() == null) {
			return;
		}
		String journey = context.getProcessEngineConfiguration()
			.getDeploymentCache()
			.findDeployedProcessDefinitionById(task.getProcessDefinitionId())
			.getKey();
		rules.orderedStream()
			.filter(rule -> rule.processDefinitionKey().equals(journey)
					&& rule.taskDefinitionKey().equals(task.getTaskDefinitionKey()))
			.flatMap(rule -> refusal(context, rule, userId, groupId).stream())
			.findFirst()
			.ifPresent(refusal -> {
				throw new TaskNotYours("'" + task.getName() + "' cannot go to "
						+ (userId != null ? userId : "group " + groupId) + ". " + refusal);
			});
	}

	private static Optional<String> refusal(CommandContext context, TaskAnswerRule rule, String userId,
			String groupId) {
		if (userId != null) {
			return rule.refusal(userId, groupsOf(context, userId));
		}
		return rule.refusal("group " + groupId, List.of(groupId));
	}

	/** Whatever the caller may read of the identities: the rule is about the user's. */
	private static List<String> groupsOf(CommandContext context, String userId) {
		boolean checked = context.isAuthorizationCheckEnabled();
		context.disableAuthorizationCheck();
		try {
			return context.getReadOnlyIdentityProvider()
				.createGroupQuery()
				.groupMember(userId)
				.list()
				.stream()
				.map(Group::getId)
				.toList();
		}
		finally {
			context.setAuthorizationCheckEnabled(checked);
		}
	}

}
