package io.parcours.testrun;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.parcours.event.EventType;
import io.parcours.journey.CheckedStarts;
import io.parcours.journey.DirectStart;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.bpmn.instance.MessageEventDefinition;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.springframework.stereotype.Component;

/**
 * Starts a journey for a test contact when no scripted event did: with its start message,
 * as events do, or plainly when it has a none start event. It gets the start variables
 * its real start would give ({@link DirectStart}: settings, a sending slot, a sample cart
 * or lead), then the run's own {@code variables} on top.
 */
@Component
class JourneyStart {

	/** The start messages the events' handlers send (SignedUpHandler, ...). */
	private static final Map<EventType, String> START_MESSAGES = Map.of(EventType.SIGNED_UP, MessageNames.SIGNED_UP,
			EventType.CART_ABANDONED, MessageNames.CART_ABANDONED, EventType.LEAD_CREATED, MessageNames.LEAD_CREATED);

	private final Journeys journeys;

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final Map<String, DirectStart> directStarts;

	JourneyStart(Journeys journeys, RuntimeService runtime, RepositoryService repository,
			List<DirectStart> directStarts) {
		this.journeys = journeys;
		this.runtime = runtime;
		this.repository = repository;
		this.directStarts = directStarts.stream()
			.collect(Collectors.toUnmodifiableMap(DirectStart::journey, Function.identity()));
	}

	void start(ProcessDefinition journey, String contactId, Map<String, Object> given) {
		VariableMap variables = Variables.createVariables();
		DirectStart direct = directStarts.get(journey.getKey());
		if (direct != null) {
			variables.putAll(direct.variables(contactId));
		}
		variables.putAll(OwnVariableKinds.conform(variables, given));
		String message = startMessage(journey);
		if (message != null) {
			journeys.start(journey.getKey(), message, contactId, variables);
			return;
		}
		variables.putValue(VariableNames.CONTACT_ID, contactId);
		// a fresh test contact: in no journey yet
		CheckedStarts.run(() -> runtime.startProcessInstanceById(journey.getId(), contactId, variables));
	}

	/**
	 * Refuses (400 naming it) a run's variable of another kind than the journey's own,
	 * before an event of the script starts the journey with them on top.
	 */
	void checkGiven(ProcessDefinition journey, String contactId, Map<String, Object> given) {
		DirectStart direct = directStarts.get(journey.getKey());
		if (!given.isEmpty()) {
			OwnVariableKinds.conform(direct == null ? Map.of() : direct.variables(contactId), given, false);
		}
	}

	/** Whether an event of this type starts the journey (its start message). */
	boolean startsOn(ProcessDefinition journey, EventType type) {
		String message = startMessage(journey);
		return message != null && message.equals(START_MESSAGES.get(type));
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
