package io.parcours.modeler;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/** Reading a BPMN element the way a marketer sees it in the Modeler. */
final class Steps {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private Steps() {
	}

	/**
	 * "Step 'Send reminder' (Task_SendReminder)" for the step itself, "A listener of step
	 * ..." for a listener inside it.
	 */
	static String describe(Element element, Element step) {
		String id = step.attribute("id");
		String name = step.attribute("name");
		String label = name == null || name.isBlank() ? String.valueOf(id) : "'" + name.strip() + "' (" + id + ")";
		String part = element.getTagName();
		String article = "aeiouAEIOU".indexOf(part.charAt(0)) >= 0 ? "An " : "A ";
		return element == step ? "Step " + label : article + part + " of step " + label;
	}

	/** The names of a diagram's messages, by the id its events refer to them with. */
	static Map<String, String> messageNames(Element root) {
		Map<String, String> names = new HashMap<>();
		root.elements("message").forEach(message -> names.put(message.attribute("id"), message.attribute("name")));
		return names;
	}

	/** Whether the element has the input parameter, with a value or an expression. */
	static boolean hasInput(Element element, String name) {
		Element parameter = inputParameter(element, name);
		return parameter != null
				&& (!parameter.elements().isEmpty() || parameter.getText() != null && !parameter.getText().isBlank());
	}

	/**
	 * Whether the element has the input parameter, empty (a field cleared in the
	 * Modeler).
	 */
	static boolean hasEmptyInput(Element element, String name) {
		return inputParameter(element, name) != null && !hasInput(element, name);
	}

	/**
	 * The literal value of an input parameter of the element, or null when absent or an
	 * expression.
	 */
	static String literalInput(Element element, String name) {
		Element parameter = inputParameter(element, name);
		if (parameter == null || !parameter.elements().isEmpty()) {
			return null;
		}
		String value = parameter.getText() == null ? "" : parameter.getText().strip();
		return value.isEmpty() || value.contains("${") || value.contains("#{") ? null : value;
	}

	/**
	 * Whether the input parameter is computed (an expression, a script, a list or a map)
	 * rather than a value picked in the Modeler.
	 */
	static boolean isComputedInput(Element element, String name) {
		Element parameter = inputParameter(element, name);
		if (parameter == null) {
			return false;
		}
		String value = parameter.getText() == null ? "" : parameter.getText();
		return !parameter.elements().isEmpty() || value.contains("${") || value.contains("#{");
	}

	/**
	 * The input parameter of that name the engine uses: the last, when the XML gives it
	 * twice.
	 */
	private static Element inputParameter(Element element, String name) {
		Element extensions = element.element("extensionElements");
		Element inputOutput = extensions == null ? null : extensions.elementNS(CAMUNDA, "inputOutput");
		if (inputOutput == null) {
			return null;
		}
		Element used = null;
		for (Element parameter : inputOutput.elementsNS(CAMUNDA, "inputParameter")) {
			if (name.equals(parameter.attribute("name"))) {
				used = parameter;
			}
		}
		return used;
	}

}
