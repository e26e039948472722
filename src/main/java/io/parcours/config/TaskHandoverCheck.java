package io.parcours.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

import io.parcours.journey.TaskAnswerRule;
import io.parcours.journey.TaskNotYours;

import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.cmd.AbstractAddIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.ClaimTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * A task only some roles may answer ({@link TaskAnswerRule}: "Qualify hot lead", sales
 * and ops) goes only to them. The engine lets whoever holds a task assign, delegate,
 * claim or share it (a candidate user or group; an assignee or owner saved with the
 * task), and whoever it reaches may then read the lead's card and the contact behind it,
 * and take it from its team. A task a rep holds is handed on (given back, assigned,
 * delegated) only by that rep, a sales manager or ops: a colleague does not take it.
 * Refused with 403, in Tasklist and the engine REST API alike; the task stays as it was.
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
				List<Handover> handovers = handoversOf(command);
				Optional<Handover> reassignment = reassignmentOf(command);
				if (!handovers.isEmpty() || reassignment.isPresent()) {
					next.execute(context -> {
						reassignment.ifPresent(change -> checkHolder(context, change.taskId(), change.userId()));
						handovers.forEach(
								handover -> check(context, handover.taskId(), handover.userId(), handover.groupId()));
						return null;
					});
				}
				return next.execute(command);
			}

		});
	}

	/** The task going to a user or a group. */
	private record Handover(String taskId, String userId, String groupId) {

	}

	/**
	 * Adding a candidate, an assignee or an owner; claiming; delegating; saving the task
	 * with an assignee or an owner ({@code PUT /task/{id}}).
	 */
	private static List<Handover> handoversOf(Command<?> command) {
		if (command instanceof SaveTaskCmd) {
			return CommandFields.of(command, "task")
				.map(TaskEntity.class::cast)
				.filter(task -> task.getId() != null)
				.map(task -> Stream.of(task.getAssignee(), task.getOwner())
					.filter(Objects::nonNull)
					.map(user -> new Handover(task.getId(), user, null))
					.toList())
				.orElse(List.of());
		}
		if (!(command instanceof AbstractAddIdentityLinkCmd || command instanceof ClaimTaskCmd
				|| command instanceof DelegateTaskCmd)) {
			return List.of();
		}
		Optional<String> taskId = CommandFields.text(command, "taskId");
		Optional<String> userId = CommandFields.text(command, "userId");
		Optional<String> groupId = CommandFields.text(command, "groupId");
		if (taskId.isEmpty() || userId.isEmpty() && groupId.isEmpty()) {
			return List.of();
		}
		return List.of(new Handover(taskId.get(), userId.orElse(null), groupId.orElse(null)));
	}

	/**
	 * The task's assignee changing: given back (unclaim), assigned, delegated, or saved
	 * with another assignee ({@code userId} the new one, null when given back).
	 */
	private static Optional<Handover> reassignmentOf(Command<?> command) {
		if (command instanceof SaveTaskCmd) {
			return CommandFields.of(command, "task")
				.map(TaskEntity.class::cast)
				.filter(task -> task.getId() != null)
				.map(task -> new Handover(task.getId(), task.getAssignee(), null));
		}
		boolean assigns = command instanceof AbstractAddIdentityLinkCmd
				&& CommandFields.text(command, "type").filter(IdentityLinkType.ASSIGNEE::equals).isPresent();
		if (!assigns && !(command instanceof DelegateTaskCmd)) {
			return Optional.empty();
		}
		return CommandFields.text(command, "taskId")
			.map(taskId -> new Handover(taskId, CommandFields.text(command, "userId").orElse(null), null));
	}

	private void checkHolder(CommandContext context, String taskId, String newAssignee) {
		String caller = context.getAuthenticatedUserId();
		TaskEntity task = caller == null ? null : context.getTaskManager().findTaskById(taskId);
		if (task == null || task.getAssignee() == null || task.getAssignee().equals(caller)
				|| task.getAssignee().equals(newAssignee) || rulesOf(context, task).findAny().isEmpty()) {
			return;
		}
		List<String> groups = groupsOf(context, caller);
		if (!groups.contains(Groups.SALES_MANAGERS) && !groups.contains(Groups.OPS)) {
			throw new TaskNotYours("'" + task.getName() + "' is held by " + task.getAssignee()
					+ ": only they, a sales manager or ops hand it on.");
		}
	}

	private Stream<TaskAnswerRule> rulesOf(CommandContext context, TaskEntity task) {
		if (task.getProcessDefinitionId() == null) {
			return Stream.empty();
		}
		String journey = context.getProcessEngineConfiguration()
			.getDeploymentCache()
			.findDeployedProcessDefinitionById(task.getProcessDefinitionId())
			.getKey();
		return rules.orderedStream()
			.filter(rule -> rule.processDefinitionKey().equals(journey)
					&& rule.taskDefinitionKey().equals(task.getTaskDefinitionKey()));
	}

	private void check(CommandContext context, String taskId, String userId, String groupId) {
		if (context.getAuthenticatedUserId() == null) {
			// the application's own call, not a person's
			return;
		}
		TaskEntity task = context.getTaskManager().findTaskById(taskId);
		if (task == null) {
			return;
		}
		rulesOf(context, task).flatMap(rule -> refusal(context, rule, userId, groupId).stream())
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
