package io.parcours.modeler;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * What only shows across the files of one deployment, or in the engine's columns: two
 * diagrams with the same journey id, or starting on the same message, and an id or name
 * longer than the engine stores. The engine answers each with a server error (500, "see
 * the server logs"); a marketer gets the reason.
 */
class DeploymentWideChecks implements Deployer {

	private static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";

	/** The engine's key, name and message name columns. */
	static final int LONGEST = 255;

	@Override
	public void deploy(DeploymentEntity deployment) {
		if (!deployment.isNew() || deployment.getResources() == null) {
			return;
		}
		if (deployment.getTenantId() != null) {
			// a journey of a tenant would start beside the same journey without one:
			// every
			// start message would then match two journeys, and none would start
			String given = deployment.getTenantId().isBlank()
					? "a tenant-id field sent empty names a tenant too:" + " leave the field out"
					: "it was '" + deployment.getTenantId() + "'";
			throw new RefusedDeployment(
					"Parcours runs without tenants: leave the Tenant ID of the deploy dialog empty (" + given + ").",
					null);
		}
		if (deployment.getName() != null && deployment.getName().length() > LONGEST) {
			throw new RefusedDeployment("The deployment's name is longer than " + LONGEST + " characters.", null);
		}
		Map<String, String> journeys = new HashMap<>();
		Map<String, String> startMessages = new HashMap<>();
		deployment.getResources().forEach((file, resource) -> {
			if (file.endsWith(".bpmn") || file.endsWith(".bpmn20.xml")) {
				check(file, read(resource.getBytes()), journeys, startMessages);
			}
		});
	}

	private static void check(String file, Document diagram, Map<String, String> journeys,
			Map<String, String> startMessages) {
		if (diagram == null) {
			// unreadable: the engine's parse names the problem
			return;
		}
		Map<String, String> messageNames = new HashMap<>();
		NodeList messages = diagram.getElementsByTagNameNS(BPMN, "message");
		for (int i = 0; i < messages.getLength(); i++) {
			Element message = (Element) messages.item(i);
			messageNames.put(message.getAttribute("id"), message.getAttribute("name"));
		}
		NodeList processes = diagram.getElementsByTagNameNS(BPMN, "process");
		boolean executable = false;
		for (int i = 0; i < processes.getLength(); i++) {
			executable |= "true".equals(((Element) processes.item(i)).getAttribute("isExecutable"));
		}
		if (!executable) {
			// the engine deploys it and runs nothing: the Modeler would report success
			throw new RefusedDeployment("'" + file + "' holds no executable journey: tick \"Executable\" in the"
					+ " properties of the journey's process (or of its pool) in the Modeler.", null);
		}
		for (int i = 0; i < processes.getLength(); i++) {
			Element process = (Element) processes.item(i);
			if (!"true".equals(process.getAttribute("isExecutable"))) {
				continue;
			}
			String id = process.getAttribute("id");
			tooLong(file, "journey id", id);
			tooLong(file, "journey name", process.getAttribute("name"));
			String before = journeys.put(id, file);
			if (before != null) {
				throw new RefusedDeployment("'" + before + "' and '" + file + "' both hold journey '" + id
						+ "': give each journey its own id, or deploy one of them.", id);
			}
			NodeList definitions = process.getElementsByTagNameNS(BPMN, "messageEventDefinition");
			for (int d = 0; d < definitions.getLength(); d++) {
				Element definition = (Element) definitions.item(d);
				Element event = (Element) definition.getParentNode();
				String name = messageNames.get(definition.getAttribute("messageRef"));
				tooLong(file, "message name", name);
				if (name == null || !"startEvent".equals(event.getLocalName()) || event.getParentNode() != process) {
					continue;
				}
				String other = startMessages.put(name, id);
				if (other != null && !other.equals(id)) {
					throw new RefusedDeployment("Journeys '" + other + "' and '" + id + "' both start on message '"
							+ name + "': a message starts one journey only.", id);
				}
			}
		}
	}

	private static void tooLong(String file, String what, String value) {
		if (value != null && value.length() > LONGEST) {
			throw new RefusedDeployment("In '" + file + "', a " + what + " is longer than " + LONGEST + " characters ("
					+ value.length() + "): shorten it.", null);
		}
	}

	private static Document read(byte[] content) {
		try {
			return SafeXml.parse(content);
		}
		catch (SAXException | IOException unreadable) {
			return null;
		}
	}

}
