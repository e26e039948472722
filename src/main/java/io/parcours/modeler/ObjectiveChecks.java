package io.parcours.modeler;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.parcours.report.Kpis;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * A journey's objective (extension properties of the process): a KPI the dashboard does
 * not know, or a target that is no number ("15 %" for 0.15), would show an objective
 * without a target or a measure, and nobody would know why.
 */
final class ObjectiveChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private ObjectiveChecks() {
	}

	static List<ModelProblem> problems(Element process) {
		List<ModelProblem> problems = new ArrayList<>();
		if (!"process".equals(process.getTagName())) {
			return problems;
		}
		Element extensions = process.element("extensionElements");
		Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
		if (properties == null) {
			return problems;
		}
		for (Element property : properties.elementsNS(CAMUNDA, "property")) {
			String name = property.attribute("name");
			String value = property.attribute("value") == null ? "" : property.attribute("value").strip();
			if ("objective.kpi".equals(name) && !Kpis.KNOWN.contains(value)) {
				problems.add(problem(process, "objective.kpi '" + value + "' is no KPI Parcours measures: one of "
						+ String.join(", ", Kpis.KNOWN.stream().sorted().toList()) + "."));
			}
			if ("objective.target".equals(name) && !isNumber(value)) {
				problems.add(problem(process, "objective.target '" + value
						+ "' is no number: write a rate as a share (0.15 for 15 %), an amount as a plain number (2500)."));
			}
		}
		return problems;
	}

	private static ModelProblem problem(Element process, String message) {
		return new ModelProblem("The journey's " + message, process, process.attribute("id"));
	}

	private static boolean isNumber(String value) {
		try {
			new BigDecimal(value);
			return true;
		}
		catch (NumberFormatException notANumber) {
			return false;
		}
	}

}
