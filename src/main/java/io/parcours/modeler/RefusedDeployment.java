package io.parcours.modeler;

import java.util.List;

import io.parcours.journey.ClientRefusal;

import org.camunda.bpm.engine.ParseException;
import org.camunda.bpm.engine.Problem;

/**
 * A deployment refused for what it contains, outside the BPMN parse: the engine REST API
 * answers 400 with the message and its element, as for a diagram problem.
 */
class RefusedDeployment extends ParseException implements ClientRefusal {

	RefusedDeployment(String message, String elementId) {
		this("ENGINE-22004 Unable to deploy: ", message, elementId);
	}

	private RefusedDeployment(String prefix, String message, String elementId) {
		super(prefix + message, "deployment", List.of(new DeploymentProblem(message, elementId)), List.of());
	}

	/**
	 * Worded as the engine's own parse errors, which the Modeler recognises and shows in
	 * its deploy dialog.
	 */
	static RefusedDeployment asParseError(String message) {
		return asParseError(message, null);
	}

	static RefusedDeployment asParseError(String message, String elementId) {
		return new RefusedDeployment("ENGINE-09005 Could not parse BPMN process. Errors: \n* ", message, elementId);
	}

	/** What is wrong, without the engine's code. */
	String problem() {
		return getResorceReports().get(0).getErrors().get(0).getMessage();
	}

	/** The element at fault, if one is. */
	String elementId() {
		return getResorceReports().get(0).getErrors().get(0).getMainElementId();
	}

	record DeploymentProblem(String getMessage, String getMainElementId) implements Problem {

		@Override
		public int getLine() {
			return 0;
		}

		@Override
		public int getColumn() {
			return 0;
		}

		@Override
		public List<String> getElementIds() {
			return getMainElementId == null ? List.of() : List.of(getMainElementId);
		}

	}

}
