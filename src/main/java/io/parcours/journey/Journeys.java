package io.parcours.journey;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.MessageCorrelationResult;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.runtime.VariableInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts journeys and passes them messages. The business key of every journey instance is
 * the contact id, and a contact runs at most one instance of a journey at a time.
 */
@Component
public class Journeys {

	private static final Logger log = LoggerFactory.getLogger(Journeys.class);

	private final RuntimeService runtime;

	private final RepositoryService repository;

	Journeys(RuntimeService runtime, RepositoryService repository) {
		this.runtime = runtime;
		this.repository = repository;
	}

	/**
	 * Starts the journey with its start message unless the contact already runs it.
	 * Callers hold the contact's lock, so two events of one contact cannot both start it.
	 */
	public Optional<String> start(String journey, String startMessage, String contactId,
			Map<String, Object> variables) {
		if (isRunning(journey, contactId)) {
			log.info("Contact {} already runs {}: not started again", contactId, journey);
			return Optional.empty();
		}
		// a variable map keeps typed values (a transient one stays transient)
		VariableMap all = Variables.createVariables();
		all.putAll(variables);
		all.putValue(VariableNames.CONTACT_ID, contactId);
		ProcessInstance instance = runtime.createMessageCorrelation(startMessage)
			.processInstanceBusinessKey(contactId)
			.setVariables(all)
			.correlateStartMessage();
		log.info("Journey {} started for contact {} (process instance {})", journey, contactId, instance.getId());
		return Optional.of(instance.getId());
	}

	/**
	 * Sets the variables on the contact's running instance of the journey, which goes on
	 * where it is; false when the contact runs none. Callers hold the contact's lock.
	 */
	public boolean update(String journey, String contactId, Map<String, Object> variables) {
		ProcessInstance running = runtime.createProcessInstanceQuery()
			.processDefinitionKey(journey)
			.processInstanceBusinessKey(contactId)
			.singleResult();
		if (running == null) {
			return false;
		}
		runtime.setVariables(running.getId(), variables);
		log.info("Journey {} of contact {} updated (process instance {}): {}", journey, contactId, running.getId(),
				variables.keySet());
		return true;
	}

	public boolean isRunning(String journey, String contactId) {
		return runtime.createProcessInstanceQuery()
			.processDefinitionKey(journey)
			.processInstanceBusinessKey(contactId)
			.count() > 0;
	}

	/**
	 * Correlates the message to every journey instance of the contact that waits for it:
	 * true when at least one did. Cheaper than {@link #correlate} when the caller does
	 * not need to know which journeys received it.
	 */
	public boolean correlateToAny(String message, String contactId, Map<String, Object> variables) {
		return !correlateAll(message, contactId, variables).isEmpty();
	}

	/**
	 * Correlates the message to every journey instance of the contact that waits for it.
	 */
	public List<CorrelatedJourney> correlate(String message, String contactId, Map<String, Object> variables) {
		Map<String, CorrelatedJourney> running = runningJourneys(contactId);
		if (running.isEmpty()) {
			return List.of();
		}
		return correlateAll(message, contactId, variables).stream()
			.map(result -> result.getExecution().getProcessInstanceId())
			.distinct()
			.map(running::get)
			.toList();
	}

	private List<MessageCorrelationResult> correlateAll(String message, String contactId,
			Map<String, Object> variables) {
		return runtime.createMessageCorrelation(message)
			.processInstanceBusinessKey(contactId)
			.setVariables(variables)
			.correlateAllWithResult();
	}

	/** The contact's running journey instances, by process instance id. */
	private Map<String, CorrelatedJourney> runningJourneys(String contactId) {
		List<ProcessInstance> instances = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.list();
		Map<String, String> variants = new HashMap<>();
		if (!instances.isEmpty()) {
			runtime.createVariableInstanceQuery()
				.processInstanceIdIn(instances.stream().map(ProcessInstance::getId).toArray(String[]::new))
				.variableName(VariableNames.VARIANT)
				.list()
				.forEach((VariableInstance variable) -> variants.put(variable.getProcessInstanceId(),
						String.valueOf(variable.getValue())));
		}
		Map<String, CorrelatedJourney> running = new HashMap<>();
		instances.forEach(instance -> running.put(instance.getId(),
				new CorrelatedJourney(instance.getId(),
						repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey(),
						variants.get(instance.getId()))));
		return running;
	}

}
