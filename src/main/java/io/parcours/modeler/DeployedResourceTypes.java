package io.parcours.modeler;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parcours.config.Groups;
import io.parcours.journey.ShippedForms;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.w3c.dom.Element;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

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

	private static final Map<String, JsonNode> SHIPPED_FORMS = ShippedForms.byId();

	/** DMN 1.1 to 1.3, as the Modeler and the engine know them. */
	private static final Pattern DMN_NAMESPACE = Pattern.compile("https?://www\\.omg\\.org/spec/DMN/.*");

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
		String namespace;
		try {
			Element document = SafeXml.parse(content).getDocumentElement();
			root = document.getLocalName();
			namespace = String.valueOf(document.getNamespaceURI());
		}
		catch (SAXException | IOException unreadable) {
			String message = "'" + name + "' is no well-formed decision table file (" + unreadable.getMessage()
					+ "). Open it in the Modeler and save it again.";
			if (unreadable instanceof SAXParseException at) {
				throw RefusedDeployment.unreadable(name, message, at.getLineNumber(), at.getColumnNumber());
			}
			throw RefusedDeployment.asParseError(message);
		}
		if (!"definitions".equals(root)) {
			throw RefusedDeployment.asParseError("'" + name + "' is no DMN decision table (its root element is '" + root
					+ "', not 'definitions'). Save decision tables from the Modeler's DMN editor.");
		}
		if (!DMN_NAMESPACE.matcher(namespace).matches()) {
			throw RefusedDeployment.asParseError("'" + name + "' is no DMN decision table (its root element is of '"
					+ namespace + "', not of DMN). Save decision tables from the Modeler's DMN editor.");
		}
		transform(name, content);
	}

	/** Where the Camunda model API's schema errors say the problem is. */
	private static final Pattern SCHEMA_ERROR_LINE = Pattern.compile("\\bLine=(\\d+):");

	/**
	 * Read as the engine will read it: a table without an output, a rule with too few
	 * entries or an unknown hit policy fail the engine's own reading as a server error.
	 */
	private static void transform(String name, byte[] content) {
		var transformer = Context.getProcessEngineConfiguration().getDmnEngineConfiguration().getTransformer();
		try {
			transformer.createTransform()
				.modelInstance(Dmn.readModelFromStream(new ByteArrayInputStream(content)))
				.transformDecisionRequirementsGraph();
		}
		catch (RefusedDeployment refused) {
			throw refused;
		}
		catch (RuntimeException unreadable) {
			// one of our own checks of the table, which the DMN engine wraps in its own
			// words
			for (Throwable cause = unreadable; cause != null; cause = cause.getCause()) {
				if (cause instanceof RefusedDeployment refused) {
					throw RefusedDeployment.asParseError("'" + name + "': " + refused.problem(), refused.elementId());
				}
			}
			String message = "'" + name + "' cannot be read as a decision table: " + reasons(unreadable)
					+ ". Open it in the Modeler's DMN editor and fix it.";
			// the model API keeps the schema validator's line in its words only
			Matcher line = SCHEMA_ERROR_LINE.matcher(message);
			throw line.find() ? RefusedDeployment.unreadable(name, message, Integer.parseInt(line.group(1)), 0)
					: RefusedDeployment.asParseError(message);
		}
	}

	/**
	 * Each message down the causes that an outer one does not quote already: the last
	 * says what is wrong.
	 */
	private static String reasons(Throwable failure) {
		Set<String> messages = new LinkedHashSet<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
			if (!message.isEmpty() && messages.stream().noneMatch(outer -> outer.contains(message))) {
				messages.add(message);
			}
		}
		return String.join(": ", messages);
	}

	private static void checkForm(String name, byte[] content) {
		JsonNode form;
		try {
			form = JSON.readTree(content);
		}
		catch (JsonProcessingException unreadable) {
			// the parser names no source, and says so where it would ("[Source:
			// REDACTED...")
			String why = unreadable.getOriginalMessage().replaceAll("Source: [^;\\]]*; ", "");
			String message = "'" + name + "' is no well-formed Camunda Form (JSON): " + why
					+ ". Open it in the Modeler and save it again.";
			JsonLocation at = unreadable.getLocation();
			throw at == null ? RefusedDeployment.asParseError(message)
					: RefusedDeployment.unreadable(name, message, at.getLineNr(), at.getColumnNr());
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
		if (form == null || !form.isObject()) {
			throw RefusedDeployment
				.asParseError("'" + name + "' is no Camunda Form: save forms from the Modeler's form" + " editor.");
		}
		JsonNode shipped = SHIPPED_FORMS.get(form.path("id").asText());
		if (shipped != null && !shipped.equals(form) && !WhoDeploys.isOpsOrParcours()) {
			// the shipped journeys show the latest form of that id: a marketer's version
			// would replace what sales reps see in Tasklist, on their open tasks too
			throw RefusedDeployment.asParseError("'" + name + "' has the id '" + form.path("id").asText()
					+ "' of a form Parcours ships for the tasks of its journeys: only ops (" + Groups.OPS
					+ ") replace it. Give your form an id of its own.");
		}
	}

}
