package io.parcours.modeler;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.parcours.report.Kpis;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * A journey's objective and experiment (extension properties of the process): a KPI the
 * dashboard does not know, a target that is no number ("15 %" for 0.15), a step that is
 * not in the diagram or an experiment that does not exist would show an objective without
 * a target or a measure, or no results, and nobody would know why.
 */
final class ObjectiveChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private ObjectiveChecks() {
	}

	static List<ModelProblem> problems(Element process, Set<String> experiments) {
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
			if ("objective.activity".equals(name) && !hasStep(process, value)) {
				problems.add(problem(process, "objective.activity '" + value
						+ "' is no step of this diagram: give the id of the step whose reach the objective counts."));
			}
			if ("experiment.key".equals(name) && !experiments.contains(value)) {
				problems.add(problem(process,
						"experiment.key '" + value + "' is no experiment Parcours runs: one of "
								+ String.join(", ", experiments.stream().sorted().toList())
								+ " (experiments and their weights are settings)."));
			}
			if ("objective.target".equals(name) && !isNumber(value)) {
				problems.add(problem(process, "objective.target '" + value
						+ "' is no number: write a rate as a share (0.15 for 15 %), an amount as a plain number (2500)."));
			}
		}
		return problems;
	}

	private static boolean hasStep(Element scope, String id) {
		for (Element element : scope.elements()) {
			if (id.equals(element.attribute("id")) && isStep(element) || hasStep(element, id)) {
				return true;
			}
		}
		return false;
	}

	/** A task, event, gateway or sub-process: what contacts reach, unlike a flow. */
	private static boolean isStep(Element element) {
		String tag = element.getTagName();
		return tag.endsWith("Task") || tag.equals("task") || tag.endsWith("Event") || tag.endsWith("Gateway")
				|| tag.equals("subProcess") || tag.equals("transaction");
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
