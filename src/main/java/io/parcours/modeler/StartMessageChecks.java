package io.parcours.modeler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * A start message starts one journey only: a copy of a journey under a new id that keeps
 * the original's start message ({@code SignedUp}) would be refused by the engine with an
 * error about event subscriptions. This says it in the marketer's words.
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
			for (Element start : process.elements("startEvent")) {
				for (Element definition : start.elements("messageEventDefinition")) {
					String name = messageNames.get(definition.attribute("messageRef"));
					if (name != null && !name.contains("{")) {
						startedElsewhere(context, name, process.attribute("id"))
							.ifPresent(other -> problems.add(problem(process, start, name, other)));
					}
				}
			}
		}
		return problems;
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
