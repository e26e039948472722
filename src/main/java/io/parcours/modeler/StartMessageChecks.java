package io.parcours.modeler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A start message starts one journey only: a copy of a journey under a new id that keeps
 * the original's start message ({@code SignedUp}) would be refused by the engine with an
 * error about event subscriptions. This says it in the marketer's words. And a journey's
 * new version keeps the start messages of the one it replaces.
 */
@Component
class StartMessageChecks {

	List<ModelProblem> problems(Element root) {
		CommandContext context = Context.getCommandContext();
		if (context == null) {
			return List.of();
		}
		Map<String, String> messageNames = new HashMap<>();
		root.elements("message")
			.forEach(message -> messageNames.put(message.attribute("id"), message.attribute("name")));
		List<ModelProblem> problems = new ArrayList<>();
		for (Element process : root.elements("process")) {
			Set<String> starts = new HashSet<>();
			for (Element start : process.elements("startEvent")) {
				for (Element definition : start.elements("messageEventDefinition")) {
					String name = messageNames.get(definition.attribute("messageRef"));
					if (name != null && !name.contains("{")) {
						starts.add(name);
						startedElsewhere(context, name, process.attribute("id"))
							.ifPresent(other -> problems.add(problem(process, start, name, other)));
					}
				}
			}
			droppedStarts(context, process, starts).ifPresent(problems::add);
		}
		return problems;
	}

	/**
	 * A new version keeps the start messages of the version it replaces: Parcours's
	 * events (a sign-up sends {@code SignedUp}) and importers send those, and without
	 * them no contact would enter the journey any more, its events stored and waiting.
	 */
	private static Optional<ModelProblem> droppedStarts(CommandContext context, Element process, Set<String> starts) {
		ProcessDefinitionEntity latest = context.getProcessDefinitionManager()
			.findLatestProcessDefinitionByKey(process.attribute("id"));
		if (latest == null) {
			return Optional.empty();
		}
		List<String> dropped = context.getEventSubscriptionManager()
			.findEventSubscriptionsByConfiguration("message", latest.getId())
			.stream()
			.filter(subscription -> subscription.getExecutionId() == null)
			.map(EventSubscriptionEntity::getEventName)
			.filter(name -> !starts.contains(name))
			.distinct()
			.sorted()
			.toList();
		if (dropped.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem("Journey '" + process.attribute("id") + "' no longer starts on message '"
				+ String.join("', '", dropped) + "', which its version " + latest.getVersion()
				+ " starts on: the events Parcours receives send it, and no contact would enter this version."
				+ " Keep a start event with that message (its name, not only its id); a journey starting on"
				+ " another event is a new journey with its own id.", process, process.attribute("id")));
	}

	private static Optional<ProcessDefinitionEntity> startedElsewhere(CommandContext context, String message,
			String key) {
		for (EventSubscriptionEntity subscription : context.getEventSubscriptionManager()
			.findMessageStartEventSubscriptionByName(message)) {
			ProcessDefinitionEntity other = context.getProcessDefinitionManager()
				.findLatestDefinitionById(subscription.getConfiguration());
			if (other != null && !Objects.equals(other.getKey(), key)) {
				return Optional.of(other);
			}
		}
		return Optional.empty();
	}

	private static ModelProblem problem(Element process, Element start, String message, ProcessDefinitionEntity other) {
		String otherName = other.getName() != null ? other.getName() + " (" + other.getKey() + ")" : other.getKey();
		return new ModelProblem(
				Steps.describe(start, start) + " of journey '" + process.attribute("id") + "' starts on message '"
						+ message + "', which already starts journey " + otherName
						+ ": a message starts one journey only. To change that journey, keep its id '" + other.getKey()
						+ "' (the diagram becomes its next version); for a new journey, give it its own start message"
						+ " (no Parcours event sends it: the journey then starts for the contacts ops or an importer"
						+ " start it for, POST /engine-rest/message with the contact's id as businessKey).",
				start, start.attribute("id"));
	}

}
