package io.parcours.modeler;

import java.util.Optional;
import java.util.Set;

import io.parcours.journey.StartsOnItsOwn;

import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParse;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.stereotype.Component;

/**
 * A step that calls out of Parcours starts on its own ({@link StartsOnItsOwn}): as a
 * service or send task marked "Asynchronous before", the way its element template draws
 * it. Without the mark the diagram deploys and runs, but a welcome email run inside the
 * sign-up's transaction finds no contact yet and is skipped, and a retry of the step
 * before it sends again.
 */
@Component
class OwnTransactionChecks {

	private static final Set<String> TASKS = Set.of("serviceTask", "sendTask");

	/** What the engine reads as true in {@code camunda:asyncBefore}. */
	private static final Set<String> TRUE = Set.of("true", "enabled", "on", "active", "yes");

	private final ListableBeanFactory beans;

	OwnTransactionChecks(ListableBeanFactory beans) {
		this.beans = beans;
	}

	Optional<ModelProblem> problem(Element element, Element step, String delegateExpression) {
		StartsOnItsOwn startsOnItsOwn = JourneyModelChecks.delegateBean(delegateExpression)
			.filter(beans::containsBean)
			.map(bean -> beans.findAnnotationOnBean(bean, StartsOnItsOwn.class))
			.orElse(null);
		if (startsOnItsOwn == null) {
			return Optional.empty();
		}
		if (!TASKS.contains(element.getTagName())) {
			return Optional.of(new ModelProblem(
					Steps.describe(element, step) + " runs " + delegateExpression + ", which " + startsOnItsOwn.value()
							+ ": draw it as a service task with its Parcours element template instead.",
					element, step.attribute("id")));
		}
		if (startsOnItsOwn(element)) {
			return Optional.empty();
		}
		return Optional.of(new ModelProblem(Steps.describe(element, step) + " " + startsOnItsOwn.value()
				+ ", so it must start on its own: tick \"Asynchronous before\" in its properties (its Parcours element"
				+ " template sets it). Run straight on from the step before it, it would not see a contact that"
				+ " the same event just created, and a retry of that step would run it a second time.", element,
				step.attribute("id")));
	}

	private static boolean startsOnItsOwn(Element element) {
		String asyncBefore = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "asyncBefore");
		// the older spelling, still read by the engine
		String async = element.attributeNS(BpmnParse.CAMUNDA_BPMN_EXTENSIONS_NS, "async");
		return TRUE.contains(String.valueOf(asyncBefore)) || TRUE.contains(String.valueOf(async));
	}

}
