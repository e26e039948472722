package io.parcours.report;

import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Documentation;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.ReceiveTask;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputOutput;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * The deployed journeys, each at its latest version, read from the engine's repository.
 */
@Component
class JourneyDefinitions {

	private static final String AB_SPLIT = "${abSplit}";

	private final RepositoryService repository;

	private final Map<String, JourneyDefinition> byDefinitionId = new ConcurrentHashMap<>();

	JourneyDefinitions(RepositoryService repository) {
		this.repository = repository;
	}

	List<JourneyDefinition> latest() {
		return repository.createProcessDefinitionQuery()
			.latestVersion()
			.list()
			.stream()
			.sorted(Comparator.comparing(ProcessDefinition::getKey))
			.map(this::describe)
			.toList();
	}

	Optional<JourneyDefinition> latest(String key) {
		ProcessDefinition definition = repository.createProcessDefinitionQuery()
			.processDefinitionKey(key)
			.latestVersion()
			.singleResult();
		return Optional.ofNullable(definition).map(this::describe);
	}

	private JourneyDefinition describe(ProcessDefinition definition) {
		return byDefinitionId.computeIfAbsent(definition.getId(), id -> read(definition));
	}

	private JourneyDefinition read(ProcessDefinition definition) {
		BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
		Process process = model.getModelElementById(definition.getKey());
		Map<String, String> delegates = delegates(model);
		return new JourneyDefinition(definition.getKey(),
				definition.getName() != null ? definition.getName() : definition.getKey(), definition.getVersion(),
				definition.getId(), documentation(process), withExperiment(properties(process), model),
				stepOrder(model), delegates, steps(model), shape(model, delegates));
	}

	/** What decides which KPIs the dashboard can measure of the journey. */
	private static JourneyShape shape(BpmnModelInstance model, Map<String, String> delegates) {
		Set<String> waited = new HashSet<>();
		Set<String> starts = new HashSet<>();
		for (MessageEventDefinition definition : model.getModelElementsByType(MessageEventDefinition.class)) {
			if (definition.getMessage() == null || definition.getMessage().getName() == null) {
				continue;
			}
			ModelElementInstance event = definition.getParentElement();
			boolean start = event instanceof StartEvent;
			// a start event inside a sub-process is an event sub-process's: it waits
			(start && event.getParentElement() instanceof Process ? starts : waited)
				.add(definition.getMessage().getName());
		}
		model.getModelElementsByType(ReceiveTask.class)
			.stream()
			.filter(task -> task.getMessage() != null && task.getMessage().getName() != null)
			.forEach(task -> waited.add(task.getMessage().getName()));
		return new JourneyShape(Set.copyOf(delegates.values()), waited, starts);
	}

	/**
	 * The experiment a journey runs is the one its "A/B split" step assigns, unless the
	 * process names one ({@code experiment.key}).
	 */
	private static Map<String, String> withExperiment(Map<String, String> properties, BpmnModelInstance model) {
		if (!properties.containsKey(JourneyDefinition.EXPERIMENT_KEY)) {
			model.getModelElementsByType(ServiceTask.class)
				.stream()
				.filter(task -> AB_SPLIT.equals(task.getCamundaDelegateExpression()))
				.map(JourneyDefinitions::experimentInput)
				.filter(experiment -> experiment != null && !experiment.isBlank() && !experiment.contains("{"))
				.findFirst()
				.ifPresent(experiment -> properties.put(JourneyDefinition.EXPERIMENT_KEY, experiment.strip()));
		}
		return properties;
	}

	private static String experimentInput(ServiceTask task) {
		if (task.getExtensionElements() == null) {
			return null;
		}
		return task.getExtensionElements()
			.getElementsQuery()
			.filterByType(CamundaInputOutput.class)
			.list()
			.stream()
			.flatMap(inputOutput -> inputOutput.getCamundaInputParameters().stream())
			.filter(input -> "experiment".equals(input.getCamundaName()))
			.map(CamundaInputParameter::getTextContent)
			.findFirst()
			.orElse(null);
	}

	private static String documentation(Process process) {
		return process == null ? null
				: process.getDocumentations().stream().map(Documentation::getTextContent).findFirst().orElse(null);
	}

	private static Map<String, String> properties(Process process) {
		Map<String, String> properties = new LinkedHashMap<>();
		if (process != null && process.getExtensionElements() != null) {
			process.getExtensionElements()
				.getElementsQuery()
				.filterByType(CamundaProperties.class)
				.list()
				.stream()
				.flatMap(group -> group.getCamundaProperties().stream())
				.forEach((CamundaProperty p) -> properties.put(p.getCamundaName(), p.getCamundaValue()));
		}
		return properties;
	}

	private static Map<String, JourneyDefinition.Step> steps(BpmnModelInstance model) {
		Map<String, JourneyDefinition.Step> steps = new HashMap<>();
		for (FlowNode node : model.getModelElementsByType(FlowNode.class)) {
			steps.put(node.getId(), new JourneyDefinition.Step(node.getName(), node.getElementType().getTypeName()));
		}
		return steps;
	}

	private static Map<String, String> delegates(BpmnModelInstance model) {
		Map<String, String> delegates = new HashMap<>();
		for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
			if (task.getCamundaDelegateExpression() != null) {
				delegates.put(task.getId(), task.getCamundaDelegateExpression());
			}
		}
		return delegates;
	}

	/**
	 * As drawn: left to right, then top to bottom. Steps without a shape (a diagram
	 * written by hand, without layout) follow in the order of the flow from its starts.
	 */
	private static Map<String, Integer> stepOrder(BpmnModelInstance model) {
		List<BpmnShape> shapes = model.getModelElementsByType(BpmnShape.class)
			.stream()
			.filter(shape -> shape.getBpmnElement() != null && shape.getBounds() != null)
			.sorted(Comparator.comparing((BpmnShape shape) -> inEventSubProcess(shape.getBpmnElement()))
				.thenComparingDouble(shape -> shape.getBounds().getX())
				.thenComparingDouble(shape -> shape.getBounds().getY()))
			.toList();
		Map<String, Integer> order = new HashMap<>();
		for (BpmnShape shape : shapes) {
			order.putIfAbsent(shape.getBpmnElement().getId(), order.size());
		}
		for (FlowNode node : inFlowOrder(model)) {
			order.putIfAbsent(node.getId(), order.size());
		}
		return order;
	}

	/**
	 * Breadth first from the steps nothing leads to, the main flow before event
	 * sub-processes.
	 */
	private static List<FlowNode> inFlowOrder(BpmnModelInstance model) {
		List<FlowNode> nodes = model.getModelElementsByType(FlowNode.class)
			.stream()
			.sorted(Comparator.comparing(JourneyDefinitions::inEventSubProcess))
			.toList();
		Set<FlowNode> seen = new LinkedHashSet<>();
		for (boolean atAnyTime : List.of(false, true)) {
			Deque<FlowNode> next = new ArrayDeque<>(nodes.stream()
				.filter(node -> node.getIncoming().isEmpty() && inEventSubProcess(node) == atAnyTime)
				.toList());
			while (!next.isEmpty()) {
				FlowNode node = next.poll();
				if (seen.add(node)) {
					node.getOutgoing().forEach(flow -> next.add(flow.getTarget()));
				}
			}
		}
		seen.addAll(nodes);
		return List.copyOf(seen);
	}

	/**
	 * Steps that can happen at any time (event sub-processes) read after the main flow.
	 */
	private static boolean inEventSubProcess(BaseElement element) {
		for (ModelElementInstance parent = element; parent != null; parent = parent.getParentElement()) {
			if (parent instanceof SubProcess subProcess && subProcess.triggeredByEvent()) {
				return true;
			}
		}
		return false;
	}

}
