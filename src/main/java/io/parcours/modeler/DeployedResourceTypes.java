package io.parcours.modeler;

import java.io.IOException;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.xml.sax.SAXException;

/**
 * A deployment holds journeys, decision tables and Camunda Forms, nothing else: a CMMN
 * case runs without authorizations for anyone, and an HTML or script file would run in
 * the Tasklist of whoever opens a task showing it. A decision table or form file that
 * cannot be read is refused here, with its name, as the client's mistake (the engine's
 * own reading fails it as a server error).
 */
class DeployedResourceTypes implements Deployer {

	static final List<String> ALLOWED = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

	private static final ObjectMapper JSON = new ObjectMapper();

	@Override
	public void deploy(DeploymentEntity deployment) {
		// deployments made before (read again into the engine's cache) stand as they are
		if (!deployment.isNew() || deployment.getResources() == null) {
			return;
		}
		deployment.getResources().forEach((name, resource) -> {
			String lower = name.toLowerCase(Locale.ROOT);
			if (ALLOWED.stream().noneMatch(lower::endsWith)) {
				throw new RefusedDeployment("'" + name + "' is not a journey (.bpmn), a decision table (.dmn) or a "
						+ "Camunda Form (.form): Parcours deploys nothing else.", null);
			}
			if (ALLOWED.stream().noneMatch(name::endsWith)) {
				// the engine reads only lower-case names: it would store the file and run
				// nothing
				throw new RefusedDeployment("'" + name + "' ends in capitals: the engine reads only .bpmn, .dmn and "
						+ ".form in lower case, and would deploy nothing from it. Rename the file.", null);
			}
			if (lower.endsWith(".dmn") || lower.endsWith(".dmn11.xml")) {
				checkDecisionTable(name, resource.getBytes());
			}
			if (lower.endsWith(".form")) {
				checkForm(name, resource.getBytes());
			}
		});
	}

	private static void checkDecisionTable(String name, byte[] content) {
		String root;
		try {
			root = SafeXml.parse(content).getDocumentElement().getLocalName();
		}
		catch (SAXException | IOException unreadable) {
			throw RefusedDeployment.unreadable("'" + name + "' is no well-formed decision table file ("
					+ unreadable.getMessage() + "). Open it in the Modeler and save it again.");
		}
		if (!"definitions".equals(root)) {
			throw RefusedDeployment.unreadable("'" + name + "' is no DMN decision table (its root element is '" + root
					+ "', not 'definitions'). Save decision tables from the Modeler's DMN editor.");
		}
	}

	private static void checkForm(String name, byte[] content) {
		JsonNode form;
		try {
			form = JSON.readTree(content);
		}
		catch (JsonProcessingException unreadable) {
			throw RefusedDeployment.unreadable("'" + name + "' is no well-formed Camunda Form (JSON): "
					+ unreadable.getOriginalMessage() + ". Open it in the Modeler and save it again.");
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		if (form == null || !form.isObject()) {
			throw RefusedDeployment
				.unreadable("'" + name + "' is no Camunda Form: save forms from the Modeler's form" + " editor.");
		}
	}

}
