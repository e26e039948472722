package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;

import io.parcours.journey.StepOfJourney;

import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * A step of one journey ({@link StepOfJourney}) in another: "Update lead score" in the
 * welcome series would fail for every contact who signs up, since no lead comes with
 * them.
 */
@Component
class JourneyBoundStepChecks {

	private final ListableBeanFactory beans;

	JourneyBoundStepChecks(ListableBeanFactory beans) {
		this.beans = beans;
	}

	/** The problems of the steps of an executable process, sub-processes included. */
	List<ModelProblem> problems(Element process) {
		List<ModelProblem> problems = new ArrayList<>();
		visit(process, process, process.attribute("id"), problems);
		return problems;
	}

	private void visit(Element element, Element step, String journey, List<ModelProblem> problems) {
		Element owner = element.attribute("id") != null ? element : step;
		String expression = JourneyModelChecks.delegateExpression(element);
		StepOfJourney stepOf = JourneyModelChecks.delegateBean(expression)
			.filter(beans::containsBean)
			.map(bean -> beans.findAnnotationOnBean(bean, StepOfJourney.class))
			.orElse(null);
		if (stepOf != null && !stepOf.value().equals(journey)) {
			problems.add(new ModelProblem(Steps.describe(element, owner) + " runs " + expression + ", a step of the "
					+ stepOf.value() + " journey only: it reads " + stepOf.reads() + ", which journey '" + journey
					+ "' does not have.", element, owner.attribute("id")));
		}
		element.elements().forEach(child -> visit(child, owner, journey, problems));
	}

}
