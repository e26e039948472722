package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/**
 * Every journey of {@code bpmn/} as Cockpit and the dashboard need it: drawn (a shape for
 * each step, an edge for each flow, so Cockpit shows the diagram) and with an objective.
 */
class JourneyDiagramsTests {

	@Test
	void everyJourneyIsFullyDrawnAndDeclaresItsObjective() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
				BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
				Set<String> shapes = model.getModelElementsByType(BpmnShape.class)
					.stream()
					.map(shape -> shape.getBpmnElement().getId())
					.collect(Collectors.toSet());
				Set<String> edges = model.getModelElementsByType(BpmnEdge.class)
					.stream()
					.map(edge -> edge.getBpmnElement().getId())
					.collect(Collectors.toSet());
				assertThat(shapes).as(file + " shapes")
					.containsAll(ids(model.getModelElementsByType(FlowNode.class).stream()));
				assertThat(edges).as(file + " edges")
					.containsAll(ids(model.getModelElementsByType(SequenceFlow.class).stream()));
				for (Process process : model.getModelElementsByType(Process.class)) {
					if (process.isExecutable() && !process.getId().endsWith("-sweep")) {
						assertThat(model.getModelElementsByType(CamundaProperty.class)
							.stream()
							.map(CamundaProperty::getCamundaName)).as(file + " objective")
							.contains("objective.kpi", "objective.target", "objective.description");
					}
				}
			}
		}
	}

	private static Set<String> ids(Stream<? extends BaseElement> elements) {
		return elements.map(BaseElement::getId).collect(Collectors.toSet());
	}

}
