package io.parcours.modeler;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.impl.util.xml.Element;

/**
 * A journey starts for one contact, on a message naming them. A timer, signal or
 * condition starts it for nobody (every minute, a journey without a contact, failing at
 * its first send); an order or a lead's activity reaches the journeys a contact is in and
 * would start one per order beside them, without the contact. Only the daily sweep starts
 * on a timer.
 */
final class JourneyStartChecks {

	/** Messages correlated to running journeys, never starting one. */
	private static final Set<String> NOT_STARTS = Set.of(MessageNames.ORDER_COMPLETED, MessageNames.LEAD_ACTIVITY,
			MessageNames.LEAD_DETAILS_CHANGED);

	private JourneyStartChecks() {
	}

	static List<ModelProblem> problems(Element root) {
		Map<String, String> messageNames = Steps.messageNames(root);
		List<ModelProblem> problems = new ArrayList<>();
		for (Element process : root.elements("process")) {
			if (!Boolean.parseBoolean(process.attribute("isExecutable"))) {
				continue;
			}
			for (Element start : process.elements("startEvent")) {
				check(process, start, messageNames, problems);
			}
		}
		return problems;
	}

	private static void check(Element process, Element start, Map<String, String> messageNames,
			List<ModelProblem> problems) {
		boolean sweep = ProcessKeys.REACTIVATION_SWEEP.equals(process.attribute("id"));
		String kind = start.element("timerEventDefinition") != null && !sweep ? "a timer"
				: start.element("signalEventDefinition") != null ? "a signal"
						: start.element("conditionalEventDefinition") != null ? "a condition" : null;
		if (kind != null) {
			problems.add(new ModelProblem(Steps.describe(start, start) + " starts the journey on " + kind
					+ ", for no contact: a journey starts for one contact, on a message (a new one of yours, which ops"
					+ " send, or a copy's own). Only the daily sweep starts on a timer.", start,
					start.attribute("id")));
			return;
		}
		Element message = start.element("messageEventDefinition");
		String name = message == null ? null : messageNames.get(message.attribute("messageRef"));
		if (name != null && NOT_STARTS.contains(name)) {
			problems.add(new ModelProblem(Steps.describe(start, start) + " starts the journey on " + name
					+ ", which reaches the journeys a contact is already in and starts none: wait for it inside the"
					+ " journey (an event sub-process, a boundary or catch event), and start the journey on a message"
					+ " of its own.", start, start.attribute("id")));
		}
	}

}
