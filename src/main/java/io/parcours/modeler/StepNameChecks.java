package io.parcours.modeler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Marketers read a journey in Cockpit and on the dashboard by its step names: a step
 * without one shows as a bare id ("Activity_0x9k2"), a decision without its question or a
 * way out of it without its answer leaves nobody able to say what the journey does. A
 * gateway only merging paths, or splitting them in parallel, needs no name.
 */
final class StepNameChecks {

	private static final Set<String> STEPS = Set.of("task", "serviceTask", "userTask", "sendTask", "receiveTask",
			"manualTask", "businessRuleTask", "scriptTask", "callActivity", "subProcess", "transaction",
			"adHocSubProcess", "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent",
			"boundaryEvent");

	/** Gateways that ask a question when they split. */
	private static final Set<String> DECISIONS = Set.of("exclusiveGateway", "inclusiveGateway", "complexGateway",
			"eventBasedGateway");

	/**
	 * Decisions whose ways out carry the answers (an event-based one's are its events).
	 */
	private static final Set<String> ANSWERED_ON_FLOWS = Set.of("exclusiveGateway", "inclusiveGateway",
			"complexGateway");

	private StepNameChecks() {
	}

	/** The problems among the direct children of a process or a sub-process. */
	static List<ModelProblem> problems(Element container) {
		List<ModelProblem> problems = new ArrayList<>();
		if (!isContainer(container)) {
			return problems;
		}
		Map<String, List<Element>> flowsBySource = new HashMap<>();
		for (Element flow : container.elements("sequenceFlow")) {
			flowsBySource.computeIfAbsent(String.valueOf(flow.attribute("sourceRef")), source -> new ArrayList<>())
				.add(flow);
		}
		for (Element child : container.elements()) {
			String kind = child.getTagName();
			List<Element> waysOut = flowsBySource.getOrDefault(String.valueOf(child.attribute("id")), List.of());
			boolean decision = DECISIONS.contains(kind) && waysOut.size() > 1;
			if ((STEPS.contains(kind) || decision) && isBlank(child.attribute("name"))) {
				problems.add(new ModelProblem(
						"The " + readable(kind) + " " + child.attribute("id")
								+ " has no name. Give it a business name in the Modeler (" + example(kind)
								+ "): it is what marketers and ops read in Cockpit and on the dashboard.",
						child, child.attribute("id")));
			}
			if (decision && ANSWERED_ON_FLOWS.contains(kind)) {
				waysOut.stream()
					.filter(flow -> isBlank(flow.attribute("name")))
					.forEach(flow -> problems.add(new ModelProblem("A way out of the decision " + label(child)
							+ " has no name (" + flow.attribute("id")
							+ "). Name each way out with its answer, e.g. \"yes\" and \"no\", or \"otherwise\".", flow,
							flow.attribute("id"))));
			}
		}
		return problems;
	}

	private static boolean isContainer(Element element) {
		String kind = element.getTagName();
		return "process".equals(kind) || "subProcess".equals(kind) || "transaction".equals(kind)
				|| "adHocSubProcess".equals(kind);
	}

	private static boolean isBlank(String name) {
		return name == null || name.isBlank();
	}

	private static String label(Element element) {
		String name = element.attribute("name");
		String id = element.attribute("id");
		return isBlank(name) ? String.valueOf(id) : "'" + name.strip() + "' (" + id + ")";
	}

	private static String readable(String kind) {
		return kind.endsWith("Gateway") ? "decision" : kind.endsWith("Event") ? "event" : "step";
	}

	private static String example(String kind) {
		if (kind.endsWith("Gateway")) {
			return "its question, e.g. \"Consented to SMS?\"";
		}
		return kind.endsWith("Event") ? "e.g. \"Order placed\" or \"Two days later\"" : "e.g. \"Send reminder email\"";
	}

}
