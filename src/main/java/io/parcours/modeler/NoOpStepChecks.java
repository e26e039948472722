package io.parcours.modeler;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * Steps a marketer draws meaning them to act, which the engine passes through doing
 * nothing: the Modeler's plain task ("Send Black Friday email"), a manual task, a message
 * thrown with no template behind it; and waits nothing ends: a signal (Parcours sends
 * none). The journey would deploy, and run without them, or stop there for good.
 */
final class NoOpStepChecks {

	private static final Set<String> PASSED_THROUGH = Set.of("task", "manualTask");

	private static final Set<String> THROWING = Set.of("intermediateThrowEvent", "endEvent");

	private static final Set<String> CATCHING = Set.of("intermediateCatchEvent", "boundaryEvent");

	private static final List<String> IMPLEMENTATIONS = List.of("class", "delegateExpression", "expression", "type");

	private NoOpStepChecks() {
	}

	static Optional<ModelProblem> problem(Element element) {
		String kind = element.getTagName();
		if (PASSED_THROUGH.contains(kind)) {
			return Optional.of(problem(element, " does nothing: the engine passes through it. Select it in the Modeler"
					+ " and apply one of Parcours' templates (Send email, Send SMS, Update lifecycle stage...), or"
					+ " remove it."));
		}
		Element message = element.element("messageEventDefinition");
		if (THROWING.contains(kind) && message != null && !implemented(message)) {
			return Optional.of(problem(element, " sends a message that nothing delivers: the engine passes through"
					+ " it. To send an email or an SMS, use a task with Parcours' Send email or Send SMS template."));
		}
		if (CATCHING.contains(kind) && element.element("signalEventDefinition") != null) {
			return Optional.of(problem(element, " waits for a signal, and Parcours sends none: every contact would"
					+ " wait there for ever. Wait for a message (OrderCompleted, LeadActivity) or a timer instead."));
		}
		return Optional.empty();
	}

	private static ModelProblem problem(Element element, String what) {
		return new ModelProblem(Steps.describe(element, element) + what, element, element.attribute("id"));
	}

	private static boolean implemented(Element definition) {
		return IMPLEMENTATIONS.stream()
			.anyMatch(attribute -> definition.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, attribute) != null);
	}

}
