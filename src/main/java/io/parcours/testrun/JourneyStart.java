package io.parcours.testrun;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import io.parcours.journey.Journeys;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/**
 * Starts a journey for a test contact when no scripted event did: with its start message,
 * as events do, or plainly when it has a none start event.
 */
@Component
class JourneyStart {

	private final Journeys journeys;

	private final RuntimeService runtime;

	private final RepositoryService repository;

	JourneyStart(Journeys journeys, RuntimeService runtime, RepositoryService repository) {
		this.journeys = journeys;
		this.runtime = runtime;
		this.repository = repository;
	}

	void start(ProcessDefinition journey, String contactId, Map<String, Object> variables) {
		String message = startMessage(journey);
		if (message != null) {
			journeys.start(journey.getKey(), message, contactId, variables);
			return;
		}
		Map<String, Object> all = new HashMap<>(variables);
		all.put(VariableNames.CONTACT_ID, contactId);
		runtime.startProcessInstanceById(journey.getId(), contactId, all);
	}

	/**
	 * Whether the journey runs for one contact: it starts on a message or plainly, not
	 * only on a schedule (as the daily sweep does).
	 */
	boolean forOneContact(ProcessDefinition journey) {
		return startEvents(journey).stream()
			.anyMatch(start -> start.getEventDefinitions().isEmpty()
					|| start.getEventDefinitions().stream().anyMatch(MessageEventDefinition.class::isInstance));
	}

	private Collection<StartEvent> startEvents(ProcessDefinition journey) {
		Process process = repository.getBpmnModelInstance(journey.getId()).getModelElementById(journey.getKey());
		return process.getChildElementsByType(StartEvent.class);
	}

	private String startMessage(ProcessDefinition journey) {
		return startEvents(journey).stream()
			.flatMap(start -> start.getEventDefinitions().stream())
			.filter(MessageEventDefinition.class::isInstance)
			.map(definition -> ((MessageEventDefinition) definition).getMessage())
			.filter(message -> message != null && message.getName() != null)
			.map(message -> message.getName())
			.findFirst()
			.orElse(null);
	}

}
