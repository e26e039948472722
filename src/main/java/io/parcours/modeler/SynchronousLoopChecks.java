package io.parcours.modeler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A loop of steps with no wait in it ("Consented to SMS?" back to "Check SMS consent")
 * deploys, and the engine then runs it in one transaction for ever: the contact's journey
 * never moves on, and the node fills its memory until it fails. A loop must pass a wait
 * (a timer, a message, a user task) or a step that starts on its own (asynchronous).
 */
final class SynchronousLoopChecks {

	private static final Set<String> CONTAINERS = Set.of("process", "subProcess", "transaction", "adHocSubProcess");

	/** Steps the engine leaves, to go on in a transaction of their own. */
	private static final Set<String> WAITS = Set.of("userTask", "receiveTask", "eventBasedGateway", "callActivity");

	private static final Set<String> WAITING_DEFINITIONS = Set.of("timerEventDefinition", "messageEventDefinition",
			"signalEventDefinition", "conditionalEventDefinition");

	private SynchronousLoopChecks() {
	}

	static List<ModelProblem> problems(Element root) {
		List<ModelProblem> problems = new ArrayList<>();
		for (Element process : root.elements("process")) {
			if (Boolean.parseBoolean(process.attribute("isExecutable"))) {
				visit(process, problems);
			}
		}
		return problems;
	}

	private static void visit(Element container, List<ModelProblem> problems) {
		Map<String, Element> steps = new LinkedHashMap<>();
		Map<String, Set<String>> next = new LinkedHashMap<>();
		Map<String, String> linkCatches = new LinkedHashMap<>();
		for (Element element : container.elements()) {
			String id = element.attribute("id");
			if (id == null || "sequenceFlow".equals(element.getTagName())) {
				continue;
			}
			if (CONTAINERS.contains(element.getTagName())) {
				visit(element, problems);
			}
			if (!waits(element)) {
				steps.put(id, element);
				Element link = element.element("linkEventDefinition");
				if (link != null && "intermediateCatchEvent".equals(element.getTagName())) {
					linkCatches.put(link.attribute("name"), id);
				}
			}
		}
		for (Element element : container.elements()) {
			if ("sequenceFlow".equals(element.getTagName())) {
				link(next, element.attribute("sourceRef"), element.attribute("targetRef"));
			}
			if ("boundaryEvent".equals(element.getTagName())) {
				link(next, element.attribute("attachedToRef"), element.attribute("id"));
			}
		}
		steps.forEach((id, step) -> {
			Element link = step.element("linkEventDefinition");
			if (link != null && "intermediateThrowEvent".equals(step.getTagName())) {
				link(next, id, linkCatches.get(link.attribute("name")));
			}
		});
		Set<String> reported = new HashSet<>();
		for (String id : steps.keySet()) {
			if (reported.contains(id)) {
				continue;
			}
			Set<String> loop = loopThrough(id, steps.keySet(), next);
			if (!loop.isEmpty()) {
				reported.addAll(loop);
				problems.add(problem(loop, steps));
			}
		}
	}

	private static void link(Map<String, Set<String>> next, String from, String to) {
		if (from != null && to != null) {
			next.computeIfAbsent(from, any -> new LinkedHashSet<>()).add(to);
		}
	}

	/**
	 * The steps that lead back to {@code start} without a wait, start first; empty when
	 * none.
	 */
	private static Set<String> loopThrough(String start, Set<String> steps, Map<String, Set<String>> next) {
		Set<String> reached = reachable(start, steps, next);
		if (!reached.contains(start)) {
			return Set.of();
		}
		Set<String> loop = new LinkedHashSet<>();
		loop.add(start);
		for (String step : reached) {
			if (reachable(step, steps, next).contains(start)) {
				loop.add(step);
			}
		}
		return loop;
	}

	private static Set<String> reachable(String from, Set<String> steps, Map<String, Set<String>> next) {
		Set<String> reached = new LinkedHashSet<>();
		Deque<String> pending = new ArrayDeque<>(next.getOrDefault(from, Set.of()));
		while (!pending.isEmpty()) {
			String step = pending.pop();
			if (steps.contains(step) && reached.add(step)) {
				pending.addAll(next.getOrDefault(step, Set.of()));
			}
		}
		return reached;
	}

	private static boolean waits(Element element) {
		String kind = element.getTagName();
		if (WAITS.contains(kind) || isAsync(element, "asyncBefore") || isAsync(element, "asyncAfter")) {
			return true;
		}
		if ("intermediateCatchEvent".equals(kind) || "boundaryEvent".equals(kind)) {
			return element.elements().stream().anyMatch(child -> WAITING_DEFINITIONS.contains(child.getTagName()));
		}
		// a sub-process with a wait inside leaves the loop there
		return CONTAINERS.contains(kind) && element.elements().stream().anyMatch(SynchronousLoopChecks::waits);
	}

	private static boolean isAsync(Element element, String attribute) {
		return Boolean.parseBoolean(element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, attribute));
	}

	private static String label(Element step) {
		String name = step.attribute("name");
		return name == null || name.isBlank() ? step.attribute("id")
				: "'" + name.strip() + "' (" + step.attribute("id") + ")";
	}

	private static ModelProblem problem(Set<String> loop, Map<String, Element> steps) {
		Element first = steps.get(loop.iterator().next());
		List<String> names = loop.stream().map(id -> label(steps.get(id))).toList();
		return new ModelProblem("These steps loop without a wait: " + String.join(" → ", names)
				+ ". The engine would run the loop for ever in one go, and the contact's journey would never move"
				+ " on. Put a wait in the loop (a timer, an order or lead activity to wait for) or a step that"
				+ " starts on its own, or lead one of its paths out.", first, first.attribute("id"));
	}

}
