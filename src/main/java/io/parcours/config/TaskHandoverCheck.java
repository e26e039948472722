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
import org.camunda.bpm.engine.impl.cmd.CompleteTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DelegateTaskCmd;
import org.camunda.bpm.engine.impl.cmd.DeleteIdentityLinkCmd;
import org.camunda.bpm.engine.impl.cmd.PatchTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.RemoveTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SaveTaskCmd;
import org.camunda.bpm.engine.impl.cmd.SetTaskVariablesCmd;
import org.camunda.bpm.engine.impl.cmd.SubmitTaskFormCmd;
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
 * delegated, its links removed), changed or decided only by that rep, a sales manager or
 * ops: a colleague does not take it; only those take a candidate off it. Refused with
 * 403, in Tasklist and the engine REST API alike; the task stays as it was.
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
				Optional<Change> change = changeOf(command);
				if (!handovers.isEmpty() || change.isPresent()) {
					next.execute(context -> {
						change.ifPresent(taskChange -> checkHolder(context, taskChange));
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
			return savedTask(command)
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

	/** The existing task a {@code PUT /task/{id}} saves (a new one has no id yet). */
	private static Optional<TaskEntity> savedTask(Command<?> command) {
		return CommandFields.of(command, "task").map(TaskEntity.class::cast).filter(task -> task.getId() != null);
	}

	/** What a command does to a task someone may hold. */
	private enum ChangeKind {

		/** Its assignee changes (to {@code newAssignee}, null when given back). */
		ASSIGNEE,
		/** A candidate taken off it (an escalation to the managers undone). */
		CANDIDATE_REMOVED,
		/**
		 * A link of a type Parcours does not use ("ASSIGNEE", "Owner"): it would list the
		 * task as the user's.
		 */
		UNKNOWN_LINK,
		/** Anything else: its owner, its fields, its decision. */
		OTHER

	}

	/**
	 * {@code removedUser} or {@code removedGroup}: whose candidate link a removal takes
	 * off.
	 */
	private record Change(String taskId, ChangeKind kind, String newAssignee, String removedUser, String removedGroup) {
	}

	private static Optional<Change> changeOf(Command<?> command) {
		if (command instanceof SaveTaskCmd) {
			return savedTask(command).map(task -> new Change(task.getId(), ChangeKind.OTHER, null, null, null));
		}
		Optional<String> taskId = CommandFields.text(command, "taskId");
		Optional<String> type = CommandFields.text(command, "type");
		Optional<String> userId = CommandFields.text(command, "userId");
		ChangeKind kind = null;
		Optional<String> removedUser = Optional.empty();
		if (command instanceof DelegateTaskCmd) {
			kind = ChangeKind.ASSIGNEE;
		}
		else if (command instanceof AbstractAddIdentityLinkCmd) {
			// a candidate added shares the task: a colleague does not share one a rep
			// holds
			kind = linkKind(type, ChangeKind.OTHER);
		}
		else if (command instanceof DeleteIdentityLinkCmd) {
			kind = linkKind(type, ChangeKind.CANDIDATE_REMOVED);
			removedUser = userId;
			userId = Optional.empty();
		}
		else if (command instanceof SetTaskVariablesCmd || command instanceof PatchTaskVariablesCmd
				|| command instanceof RemoveTaskVariablesCmd) {
			// the answer the form shows, drafted on the task or its journey
			kind = ChangeKind.OTHER;
			taskId = CommandFields.text(command, "entityId");
		}
		else if (command instanceof CompleteTaskCmd || command instanceof SubmitTaskFormCmd) {
			kind = ChangeKind.OTHER;
		}
		if (kind == null || taskId.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new Change(taskId.get(), kind, userId.orElse(null), removedUser.orElse(null),
				CommandFields.text(command, "groupId").orElse(null)));
	}

	/** A link added or removed: a candidate is {@code ofCandidate}. */
	private static ChangeKind linkKind(Optional<String> type, ChangeKind ofCandidate) {
		return switch (type.orElse(IdentityLinkType.CANDIDATE)) {
			case IdentityLinkType.ASSIGNEE -> ChangeKind.ASSIGNEE;
			case IdentityLinkType.OWNER -> ChangeKind.OTHER;
			case IdentityLinkType.CANDIDATE -> ofCandidate;
			default -> ChangeKind.UNKNOWN_LINK;
		};
	}

	/**
	 * A task held by a rep who may answer it is theirs: a colleague neither takes it,
	 * changes it nor decides it; a sales manager or ops may. Nobody else takes a
	 * candidate off it (the managers an escalation added).
	 */
	private void checkHolder(CommandContext context, Change change) {
		String caller = context.getAuthenticatedUserId();
		TaskEntity task = caller == null ? null : context.getTaskManager().findTaskById(change.taskId());
		if (task == null || rulesOf(context, task).findAny().isEmpty()) {
			return;
		}
		if (change.kind() == ChangeKind.CANDIDATE_REMOVED && leftToNobody(task, change)) {
			throw new TaskNotYours("Taking "
					+ (change.removedGroup() != null ? "group " + change.removedGroup() : change.removedUser())
					+ " off '" + task.getName() + "' would leave it to nobody (no assignee,"
					+ " no other candidate): assign it to a rep, or add the team that takes it, first.");
		}
		List<String> groups = groupsOf(context, caller);
		if (groups.contains(Groups.SALES_MANAGERS) || groups.contains(Groups.OPS)
				|| !rulesOf(context, task).allMatch(rule -> rule.refusal(caller, groups).isEmpty())) {
			// a caller who may not answer the task is refused as the engine refuses them
			// (it is none of theirs: 404), naming nobody
			return;
		}
		if (change.kind() == ChangeKind.CANDIDATE_REMOVED) {
			throw new TaskNotYours("Only a sales manager or ops take someone off '" + task.getName() + "'.");
		}
		if (change.kind() == ChangeKind.UNKNOWN_LINK) {
			throw new TaskNotYours("'" + task.getName() + "' takes candidate, assignee and owner links only.");
		}
		String holder = task.getAssignee();
		boolean held = holder != null && !holder.equals(caller)
				&& rulesOf(context, task).allMatch(rule -> rule.refusal(holder, groupsOf(context, holder)).isEmpty());
		if (held && !(change.kind() == ChangeKind.ASSIGNEE && holder.equals(change.newAssignee()))) {
			throw new TaskNotYours("'" + task.getName() + "' is held by " + holder
					+ ": only they, a sales manager or ops hand it on or decide it.");
		}
	}

	/** No assignee, and no candidate but the one the change takes off. */
	private static boolean leftToNobody(TaskEntity task, Change change) {
		return task.getAssignee() == null && task.getIdentityLinks()
			.stream()
			.filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()))
			.allMatch(link -> link.getGroupId() != null && link.getGroupId().equals(change.removedGroup())
					|| link.getUserId() != null && link.getUserId().equals(change.removedUser()));
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
		if (!groupExists(context, groupId)) {
			// a team created later under that name would get the lead
			return Optional.of("There is no group '" + groupId + "' in Camunda Admin.");
		}
		return rule.refusal("group " + groupId, List.of(groupId));
	}

	private static boolean groupExists(CommandContext context, String groupId) {
		boolean checked = context.isAuthorizationCheckEnabled();
		context.disableAuthorizationCheck();
		try {
			return context.getReadOnlyIdentityProvider().createGroupQuery().groupId(groupId).count() > 0;
		}
		finally {
			context.setAuthorizationCheckEnabled(checked);
		}
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
