package io.parcours.modeler;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.parcours.report.Kpis;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * A journey's objective and experiment (extension properties of the process): a KPI the
 * dashboard does not know, a target that is no number ("15 %" for 0.15) or no share for a
 * rate, a step that is not in the diagram, an experiment that does not exist or measures
 * another journey would show an objective without a target or a measure, or another
 * journey's results, and nobody would know why.
 */
final class ObjectiveChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private ObjectiveChecks() {
	}

	/** The KPIs that are shares of the contacts who entered: their target is one too. */
	private static final Set<String> RATES = Set.of("conversion-rate", "recovery-rate", "reactivation-rate",
			"leads-handed-to-sales", "step-rate");

	/** Far beyond any journey's revenue, and what a figure may show. */
	private static final BigDecimal LARGEST_TARGET = new BigDecimal("1000000000000");

	/**
	 * @param experimentJourneys the journey each experiment measures, by experiment key
	 * (blank when it does not say)
	 */
	static List<ModelProblem> problems(Element process, Map<String, String> experimentJourneys) {
		List<ModelProblem> problems = new ArrayList<>();
		if (!"process".equals(process.getTagName())) {
			return problems;
		}
		Element extensions = process.element("extensionElements");
		Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
		if (properties == null) {
			return problems;
		}
		// read as the dashboard reads them: spaces and all
		Map<String, String> declared = new HashMap<>();
		for (Element property : properties.elementsNS(CAMUNDA, "property")) {
			declared.put(String.valueOf(property.attribute("name")),
					property.attribute("value") == null ? "" : property.attribute("value"));
		}
		String kpi = declared.get("objective.kpi");
		if (kpi != null && !Kpis.KNOWN.contains(kpi)) {
			problems.add(problem(process, "objective.kpi '" + kpi + "' is no KPI Parcours measures: one of "
					+ String.join(", ", Kpis.KNOWN.stream().sorted().toList()) + "."));
		}
		String activity = declared.get("objective.activity");
		if (activity != null && !hasStep(process, activity)) {
			problems.add(problem(process, "objective.activity '" + activity
					+ "' is no step of this diagram: give the id of the step whose reach the objective counts."));
		}
		if ("step-rate".equals(kpi) && activity == null) {
			problems.add(problem(process,
					"objective.kpi 'step-rate' counts the contacts who reach a step: name it in objective.activity."));
		}
		if (declared.containsKey("experiment.key")) {
			experimentProblem(process, declared.get("experiment.key"), experimentJourneys).ifPresent(problems::add);
		}
		if (declared.containsKey("objective.target")) {
			targetProblem(process, declared.get("objective.target"), kpi).ifPresent(problems::add);
		}
		return problems;
	}

	private static Optional<ModelProblem> experimentProblem(Element process, String key,
			Map<String, String> experimentJourneys) {
		if (!experimentJourneys.containsKey(key)) {
			return Optional.of(problem(process,
					"experiment.key '" + key + "' is no experiment Parcours runs: one of "
							+ String.join(", ", experimentJourneys.keySet().stream().sorted().toList())
							+ " (experiments and their weights are settings)."));
		}
		String measured = experimentJourneys.get(key);
		if (!measured.isBlank() && !measured.equals(process.attribute("id"))) {
			return Optional.of(problem(process, "experiment.key '" + key + "' measures journey '" + measured
					+ "': an experiment measures one journey; add one for this journey in the settings."));
		}
		return Optional.empty();
	}

	private static Optional<ModelProblem> targetProblem(Element process, String value, String kpi) {
		BigDecimal target;
		try {
			target = new BigDecimal(value);
		}
		catch (NumberFormatException notANumber) {
			return Optional.of(problem(process, "objective.target '" + value
					+ "' is no number: write a rate as a share (0.15 for 15 %), an amount as a plain number (2500)."));
		}
		if (kpi != null && RATES.contains(kpi) && (target.signum() <= 0 || target.compareTo(BigDecimal.ONE) > 0)) {
			return Optional.of(problem(process, "objective.target '" + value + "' is no share for '" + kpi
					+ "': write it between 0 and 1 (0.15 for 15 %)."));
		}
		if (target.signum() < 0 || target.abs().compareTo(LARGEST_TARGET) > 0) {
			return Optional.of(problem(process,
					"objective.target '" + value + "' is out of reach: a positive amount or count, below 10^12."));
		}
		return Optional.empty();
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

}
