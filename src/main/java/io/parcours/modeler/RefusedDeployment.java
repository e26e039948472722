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
		super("ENGINE-22004 Unable to deploy: " + message, "deployment",
				List.of(new DeploymentProblem(message, elementId)), List.of());
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
