package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParser;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;
import org.xml.sax.SAXParseException;

/**
 * Refuses a deployment whose diagram Parcours could not run: a step calling a delegate
 * that does not exist, sending a message template that does not exist, or showing a form
 * that is not deployed. The problems are BPMN parse errors, so the engine REST API
 * answers 400 with each one naming its element, and the Camunda Modeler shows them in its
 * deploy dialog; nothing is deployed.
 */
@Component
class DeploymentChecks extends AbstractCamundaConfiguration {

	private final JourneyModelChecks checks;

	DeploymentChecks(@Lazy JourneyModelChecks checks) {
		this.checks = checks;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		configuration.setBpmnParseFactory(CheckedParse::new);
		List<Deployer> deployers = new ArrayList<>();
		if (configuration.getCustomPreDeployers() != null) {
			deployers.addAll(configuration.getCustomPreDeployers());
		}
		deployers.add(new DeployedResourceTypes());
		deployers.add(new DeploymentWideChecks());
		deployers.add(new RoutingOwnerChecks());
		configuration.setCustomPreDeployers(deployers);
		List<CommandInterceptor> interceptors = new ArrayList<>();
		if (configuration.getCustomPreCommandInterceptorsTxRequired() != null) {
			interceptors.addAll(configuration.getCustomPreCommandInterceptorsTxRequired());
		}
		interceptors.add(new ScheduledActivationRefusal());
		configuration.setCustomPreCommandInterceptorsTxRequired(interceptors);
	}

	/** After the engine's own start-up deployment: the shipped tables are ours. */
	@Override
	public void postProcessEngineBuild(ProcessEngine engine) {
		var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
		configuration.getDmnEngineConfiguration()
			.getTransformer()
			.getTransformListeners()
			.add(new DecisionExpressionChecks(configuration.getDmnEngine()));
	}

	/** The engine's BPMN parse, followed by our checks over the whole document. */
	class CheckedParse extends BpmnParse {

		/**
		 * The schema's errors about ids, said for the marketer once the document is read.
		 */
		private final List<SAXParseException> idErrors = new ArrayList<>();

		CheckedParse(BpmnParser parser) {
			super(parser);
		}

		@Override
		public void addError(SAXParseException problem) {
			if (DiagramIds.concerns(problem)) {
				idErrors.add(problem);
			}
			else {
				super.addError(problem);
			}
		}

		/** The engine's words for a gateway's way out without condition, ids only. */
		private static final Pattern UNCONDITIONED_WAY = Pattern.compile(
				"Exclusive Gateway '([^']+)' has outgoing sequence flow '([^']+)' without condition which is not the default flow\\.");

		@Override
		public void addError(String message, Element element, String... elementIds) {
			Matcher way = UNCONDITIONED_WAY.matcher(String.valueOf(message));
			super.addError(way.matches() ? unconditionedWay(way.group(1), way.group(2)) : message, element, elementIds);
		}

		private String unconditionedWay(String gatewayId, String flowId) {
			return "Gateway " + label(gatewayId) + " has a way out, " + label(flowId)
					+ ", without condition that is not its default way: every contact could take it, whatever"
					+ " the answer. Give it its condition in the Modeler, or make it the gateway's default way.";
		}

		/**
		 * "'Consented to SMS?' (Gateway_ConsentedToSms)", or the id of an element with no
		 * name.
		 */
		private String label(String id) {
			String name = withId(rootElement, id).map(element -> element.attribute("name")).orElse(null);
			return name == null || name.isBlank() ? "'" + id + "'" : "'" + name.strip() + "' (" + id + ")";
		}

		private static Optional<Element> withId(Element scope, String id) {
			for (Element element : scope.elements()) {
				if (id.equals(element.attribute("id"))) {
					return Optional.of(element);
				}
				Optional<Element> inside = withId(element, id);
				if (inside.isPresent()) {
					return inside;
				}
			}
			return Optional.empty();
		}

		/** The engine's words for an element given one extension block twice. */
		private static final Pattern REPEATED_BLOCK = Pattern.compile("multiple elements with tag name (\\w+) found");

		/** A file that is no XML at all is the client's mistake too: 400, not 500. */
		@Override
		public BpmnParse execute() {
			try {
				return super.execute();
			}
			catch (ProcessEngineException failure) {
				Matcher repeated = REPEATED_BLOCK.matcher(String.valueOf(failure.getMessage()));
				if (repeated.find()) {
					throw RefusedDeployment.asParseError("'" + name + "' has a step or journey with two <camunda:"
							+ repeated.group(1) + "> blocks (edited outside the Modeler): merge them into one.");
				}
				for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
					if (cause instanceof SAXParseException xml) {
						throw RefusedDeployment.unreadable(name,
								"'" + name + "' is no well-formed BPMN file (line " + xml.getLineNumber() + ", column "
										+ xml.getColumnNumber() + ": " + xml.getMessage()
										+ "). Open it in the Modeler and save it again.",
								xml.getLineNumber(), xml.getColumnNumber());
					}
				}
				throw failure;
			}
		}

		/**
		 * Our checks come first: the engine's parse already builds some of what a diagram
		 * names (a form handler class), so a refused diagram is not parsed at all. They
		 * judge a new deployment only: the engine parses a deployed one again whenever it
		 * loads it (after a restart, for whoever asks first), and what was accepted then
		 * keeps running, whatever changed since (a message another journey starts on now,
		 * a marketer asking for an ops-only diagram).
		 */
		@Override
		protected void parseRootElement() {
			if (!idErrors.isEmpty()) {
				// with ids in doubt, the steps named by each check would be too
				DiagramIds.Reading ids = DiagramIds.read(rootElement, idErrors);
				ids.unexplained().forEach(super::addError);
				report(ids.problems());
				return;
			}
			List<ModelProblem> problems = deployment.isNew() ? checks.problems(rootElement, deployment) : List.of();
			report(problems);
			if (problems.isEmpty()) {
				super.parseRootElement();
			}
		}

		private void report(List<ModelProblem> problems) {
			for (ModelProblem problem : problems) {
				if (Objects.equals(problem.stepId(), problem.element().attribute("id"))) {
					addError(problem.message(), problem.element());
				}
				else {
					addError(problem.message(), problem.element(), problem.stepId());
				}
			}
		}

	}

}
