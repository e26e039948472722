package io.parcours.modeler;

import java.util.Optional;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * A step shows the fields of the template it was applied with (its
 * {@code camunda:modelerTemplate}) and runs its delegate: a diagram edited by hand, or a
 * step whose delegate was changed without applying another template, could read "Send
 * email" in the Modeler and run {@code ${sendSms}}. A Parcours template runs the step of
 * its name: {@code parcours.send-email} runs {@code ${sendEmail}}.
 */
final class TemplateBindingChecks {

	static final String PARCOURS_TEMPLATES = "parcours.";

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private TemplateBindingChecks() {
	}

	static Optional<ModelProblem> problem(Element element) {
		String template = element.attributeNS(CAMUNDA, "modelerTemplate");
		if (template == null || !template.startsWith(PARCOURS_TEMPLATES)) {
			return Optional.empty();
		}
		String runs = "${" + stepOf(template) + "}";
		String delegate = JourneyModelChecks.delegateExpression(element);
		if (delegate != null && runs.equals(delegate.strip())) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, element) + " shows the template '" + template
				+ "' in the Modeler but runs " + (delegate == null ? "no Parcours step" : delegate) + ", not " + runs
				+ ": what the diagram reads is not what would run. Apply the template again to the step in the"
				+ " Modeler (or the template of the step it should run).", element, element.attribute("id")));
	}

	/** {@code parcours.send-email} to {@code sendEmail}. */
	static String stepOf(String template) {
		String[] words = template.substring(PARCOURS_TEMPLATES.length()).split("-");
		StringBuilder step = new StringBuilder(words[0]);
		for (int i = 1; i < words.length; i++) {
			if (!words[i].isEmpty()) {
				step.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
			}
		}
		return step.toString();
	}

}
