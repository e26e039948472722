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

	private static final String PARSE_ERROR = "ENGINE-09005 Could not parse BPMN process. Errors: \n* ";

	RefusedDeployment(String message, String elementId) {
		this("ENGINE-22004 Unable to deploy: ", message, elementId);
	}

	private RefusedDeployment(String prefix, String message, String elementId) {
		this(prefix, message, "deployment", new DeploymentProblem(message, elementId, 0, 0));
	}

	private RefusedDeployment(String prefix, String message, String resource, DeploymentProblem problem) {
		super(prefix + message, resource, List.of(problem), List.of());
	}

	/**
	 * Worded as the engine's own parse errors, which the Modeler recognises and shows in
	 * its deploy dialog.
	 */
	static RefusedDeployment asParseError(String message) {
		return asParseError(message, null);
	}

	static RefusedDeployment asParseError(String message, String elementId) {
		return new RefusedDeployment(PARSE_ERROR, message, elementId);
	}

	/**
	 * A file that cannot be read, with where in it: the details name the file, line and
	 * column, as the engine's own parse errors do.
	 */
	static RefusedDeployment unreadable(String resource, String message, int line, int column) {
		return new RefusedDeployment(PARSE_ERROR, message, resource,
				new DeploymentProblem(message, null, line, column));
	}

	/** What is wrong, without the engine's code. */
	String problem() {
		return getResorceReports().get(0).getErrors().get(0).getMessage();
	}

	/** The element at fault, if one is. */
	String elementId() {
		return getResorceReports().get(0).getErrors().get(0).getMainElementId();
	}

	record DeploymentProblem(String getMessage, String getMainElementId, int getLine,
			int getColumn) implements Problem {

		@Override
		public List<String> getElementIds() {
			return getMainElementId == null ? List.of() : List.of(getMainElementId);
		}

	}

}
