package io.parcours.modeler;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.parcours.report.JourneyShape;
import io.parcours.report.Kpis;
import io.parcours.report.ObjectiveOverrides;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.util.xml.Namespace;

/**
 * A journey's objective and experiment (extension properties of the process): a KPI the
 * dashboard does not know, or cannot measure of this journey (orders counted by a journey
 * that never waits for one, leads handed to sales by a journey with no such step), a
 * target that is no number ("15 %" for 0.15) or no share for a rate, a step that is not
 * in the diagram, an experiment that does not exist or measures another journey would
 * show an objective without a target or a measure, one never met, or another journey's
 * results, and nobody would know why.
 */
final class ObjectiveChecks {

	private static final Namespace CAMUNDA = BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS;

	private ObjectiveChecks() {
	}

	private static final Set<String> WAITING_EVENTS = Set.of("intermediateCatchEvent", "boundaryEvent");

	/**
	 * @param experimentJourneys the journey each experiment measures, by experiment key
	 * (blank when it does not say)
	 */
	/**
	 * @param overrides what settings give each journey's objective, by journey key
	 */
	static List<ModelProblem> problems(Element root, Map<String, String> experimentJourneys,
			Function<String, Optional<ObjectiveOverrides.Override>> overrides) {
		List<ModelProblem> problems = new ArrayList<>();
		Map<String, String> messageNames = Steps.messageNames(root);
		for (Element process : root.elements("process")) {
			if (Boolean.parseBoolean(process.attribute("isExecutable"))) {
				Map<String, String> declared = declared(process);
				problems.addAll(problems(process, declared, messageNames, experimentJourneys));
				overrides.apply(process.attribute("id"))
					.flatMap(override -> settingsProblem(process, declared, override, shape(process, messageNames)))
					.ifPresent(problems::add);
			}
		}
		return problems;
	}

	/**
	 * The process's extension properties, read as the dashboard reads them: spaces and
	 * all.
	 */
	private static Map<String, String> declared(Element process) {
		Map<String, String> declared = new HashMap<>();
		for (Element property : properties(process)) {
			declared.put(String.valueOf(property.attribute("name")),
					property.attribute("value") == null ? "" : property.attribute("value"));
		}
		return declared;
	}

	/** The properties Parcours reads (objective, experiment) given twice or more. */
	private static List<String> repeated(Element process) {
		Map<String, Long> counts = properties(process).stream()
			.map(property -> String.valueOf(property.attribute("name")))
			.filter(name -> name.startsWith("objective.") || name.startsWith("experiment."))
			.collect(Collectors.groupingBy(name -> name, TreeMap::new, Collectors.counting()));
		return counts.entrySet().stream().filter(count -> count.getValue() > 1).map(Map.Entry::getKey).toList();
	}

	private static List<Element> properties(Element process) {
		Element extensions = process.element("extensionElements");
		Element properties = extensions == null ? null : extensions.elementNS(CAMUNDA, "properties");
		return properties == null ? List.of() : properties.elementsNS(CAMUNDA, "property");
	}

	/**
	 * The objective the settings give this journey, over what the diagram declares, must
	 * be one the dashboard can measure of the diagram deployed.
	 */
	private static Optional<ModelProblem> settingsProblem(Element process, Map<String, String> declared,
			ObjectiveOverrides.Override override, JourneyShape shape) {
		String kpi = override.kpi() != null ? override.kpi().value() : declared.get("objective.kpi");
		String activity = override.activity() != null ? override.activity().value()
				: declared.get("objective.activity");
		String setting = override.kpi() != null ? override.kpi().setting() : override.activity().setting();
		if (override.activity() != null && !hasStep(process, activity)) {
			return Optional.of(new ModelProblem("The settings (" + override.activity().setting()
					+ ") count the reach of step '" + activity + "', which is no step of this diagram: keep the step,"
					+ " or ask ops to change the setting before deploying.", process, process.attribute("id")));
		}
		if (kpi == null || !Kpis.KNOWN.contains(kpi)) {
			return Optional.empty();
		}
		return Kpis.unmeasurable(kpi, activity, shape)
			.map(reason -> new ModelProblem(
					"The settings (" + setting + ") give this journey the objective '" + kpi
							+ "', which cannot be measured on this diagram: " + reason
							+ " Keep what it counts in the diagram, or ask ops to change the setting before deploying.",
					process, process.attribute("id")));
	}

	private static List<ModelProblem> problems(Element process, Map<String, String> declared,
			Map<String, String> messageNames, Map<String, String> experimentJourneys) {
		List<ModelProblem> problems = new ArrayList<>();
		if (declared.isEmpty()) {
			return problems;
		}
		repeated(process).forEach(name -> problems.add(problem(process,
				name + " is given more than once: which one the dashboard reads would be anybody's guess; keep one.")));
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
		Kpis.unmeasurable(kpi, activity, shape(process, messageNames))
			.ifPresent(unmeasurable -> problems.add(problem(process, "objective.kpi " + unmeasurable)));
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
		return Kpis.targetProblem(kpi, target)
			.map(reason -> problem(process, "objective.target '" + value + "' " + reason));
	}

	/** What the dashboard's measures of the journey depend on, read from its diagram. */
	private static JourneyShape shape(Element process, Map<String, String> messageNames) {
		Set<String> delegates = new HashSet<>();
		Set<String> waited = new HashSet<>();
		Set<String> starts = new HashSet<>();
		for (Element start : process.elements("startEvent")) {
			start.elements("messageEventDefinition")
				.forEach(definition -> add(starts, messageNames.get(definition.attribute("messageRef"))));
		}
		collect(process, false, messageNames, delegates, waited);
		return new JourneyShape(delegates, waited, starts);
	}

	private static void collect(Element scope, boolean nested, Map<String, String> messageNames, Set<String> delegates,
			Set<String> waited) {
		for (Element element : scope.elements()) {
			String tag = element.getTagName();
			if ("serviceTask".equals(tag)) {
				add(delegates, element.attributeNS(CAMUNDA, "delegateExpression"));
			}
			if ("receiveTask".equals(tag)) {
				add(waited, messageNames.get(element.attribute("messageRef")));
			}
			// a start event inside a sub-process is an event sub-process's: it waits too
			if (WAITING_EVENTS.contains(tag) || nested && "startEvent".equals(tag)) {
				element.elements("messageEventDefinition")
					.forEach(definition -> add(waited, messageNames.get(definition.attribute("messageRef"))));
			}
			collect(element, true, messageNames, delegates, waited);
		}
	}

	private static void add(Set<String> values, String value) {
		if (value != null) {
			values.add(value);
		}
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
