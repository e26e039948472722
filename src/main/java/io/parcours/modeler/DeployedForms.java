package io.parcours.modeler;

import java.io.IOException;

import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Whether a Camunda Form referenced by {@code camunda:formRef} will be there at run time:
 * in the deployment being made, or, unless the reference is bound to its own deployment,
 * deployed earlier.
 */
@Component
class DeployedForms {

	private final ObjectMapper json = new ObjectMapper();

	boolean available(String formId, Element element, DeploymentEntity deployment) {
		if (inDeployment(formId, deployment)) {
			return true;
		}
		String binding = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "formRefBinding");
		return !"deployment".equals(binding) && Context.getCommandContext() != null
				&& Context.getCommandContext()
					.getCamundaFormDefinitionManager()
					.findLatestDefinitionByKey(formId) != null;
	}

	private boolean inDeployment(String formId, DeploymentEntity deployment) {
		if (deployment == null || deployment.getResources() == null) {
			return false;
		}
		return deployment.getResources()
			.values()
			.stream()
			.filter(resource -> resource.getName().endsWith(".form"))
			.anyMatch(resource -> formId.equals(idOf(resource)));
	}

	private String idOf(ResourceEntity form) {
		try {
			return json.readTree(form.getBytes()).path("id").asText(null);
		}
		catch (IOException unreadable) {
			return null;
		}
	}

}
