package io.parcours.modeler;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Whether a decision table referenced by {@code camunda:decisionRef} will be there at run
 * time: in the deployment being made, or, unless the reference is bound to its own
 * deployment, deployed earlier.
 */
@Component
class DeployedDecisions {

	boolean available(String decisionKey, Element element, DeploymentEntity deployment) {
		if (inDeployment(decisionKey, deployment)) {
			return true;
		}
		String binding = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "decisionRefBinding");
		return !"deployment".equals(binding) && Context.getCommandContext() != null
				&& Context.getCommandContext()
					.getDecisionDefinitionManager()
					.findLatestDecisionDefinitionByKey(decisionKey) != null;
	}

	private static boolean inDeployment(String decisionKey, DeploymentEntity deployment) {
		if (deployment == null || deployment.getResources() == null) {
			return false;
		}
		Pattern decision = Pattern.compile("<(\\w+:)?decision\\b[^>]*\\bid=\"" + Pattern.quote(decisionKey) + "\"");
		return deployment.getResources()
			.values()
			.stream()
			.filter(resource -> resource.getName().endsWith(".dmn") || resource.getName().endsWith(".dmn11.xml"))
			.anyMatch(resource -> decision.matcher(new String(resource.getBytes(), StandardCharsets.UTF_8)).find());
	}

}
