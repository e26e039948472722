package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parcours.journey.MessageNames;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A step that waits for a message Parcours never sends to a running journey
 * ("OrderPlaced" for OrderCompleted) deploys, and every contact who reaches it waits
 * there for ever. Journeys receive an order ({@code order.completed}) and a lead's
 * activity ({@code lead.activity}); start messages are checked apart.
 */
final class WaitedMessageChecks {

	/** What events correlate to running journeys, and from which event. */
	private static final Map<String, String> WAITED = Map.of(MessageNames.ORDER_COMPLETED, "an order.completed",
			MessageNames.LEAD_ACTIVITY, "a lead.activity", MessageNames.LEAD_DETAILS_CHANGED,
			"a lead.created for a lead already nurtured");

	private static final Set<String> WAITING_EVENTS = Set.of("intermediateCatchEvent", "boundaryEvent");

	private static final Set<String> CONTAINERS = Set.of("subProcess", "transaction", "adHocSubProcess");

	private WaitedMessageChecks() {
	}

	static List<ModelProblem> problems(Element root) {
		Map<String, String> messageNames = Steps.messageNames(root);
		List<ModelProblem> problems = new ArrayList<>();
		for (Element process : root.elements("process")) {
			if (Boolean.parseBoolean(process.attribute("isExecutable"))) {
				visit(process, false, messageNames, problems);
			}
		}
		return problems;
	}

	private static void visit(Element container, boolean nested, Map<String, String> messageNames,
			List<ModelProblem> problems) {
		for (Element element : container.elements()) {
			String kind = element.getTagName();
			if ("receiveTask".equals(kind)) {
				check(element, element.attribute("messageRef"), messageNames, problems);
			}
			// a start event inside a sub-process is an event sub-process's: it waits too
			if (WAITING_EVENTS.contains(kind) || nested && "startEvent".equals(kind)) {
				element.elements("messageEventDefinition")
					.forEach(definition -> check(element, definition.attribute("messageRef"), messageNames, problems));
			}
			if (CONTAINERS.contains(kind)) {
				visit(element, true, messageNames, problems);
			}
		}
	}

	private static void check(Element step, String messageRef, Map<String, String> messageNames,
			List<ModelProblem> problems) {
		String name = messageRef == null ? null : messageNames.get(messageRef);
		if ("receiveTask".equals(step.getTagName()) && messageRef == null) {
			problems.add(problem(step, "waits for no message"));
			return;
		}
		if (name == null || WAITED.containsKey(name)) {
			// a reference to no message: the engine names that
			return;
		}
		problems.add(problem(step, name.contains("{") ? "waits for a message named by an expression (" + name + ")"
				: "waits for message '" + name + "', which Parcours never sends to a running journey"));
	}

	private static ModelProblem problem(Element step, String what) {
		List<String> known = WAITED.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.map(waited -> waited.getKey() + " (" + waited.getValue() + " event)")
			.toList();
		return new ModelProblem(Steps.describe(step, step) + " " + what
				+ ": every contact would wait there for ever. Journeys receive " + String.join(" and ", known) + ".",
				step, step.attribute("id"));
	}

}
