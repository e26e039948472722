package io.parcours.journey;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
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

	/** How far behind ours the clocks of other systems may be. */
	public static final Duration CLOCK_LEEWAY = Duration.ofMinutes(1);

	private static final Logger log = LoggerFactory.getLogger(Journeys.class);

	private final RuntimeService runtime;

	private final RepositoryService repository;

	private final HistoryService history;

	Journeys(RuntimeService runtime, RepositoryService repository, HistoryService history) {
		this.runtime = runtime;
		this.repository = repository;
		this.history = history;
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
		all.putAll(TestRunStartVariables.onTopOf(journey, variables));
		all.putValue(VariableNames.CONTACT_ID, contactId);
		ProcessInstance instance = CheckedStarts.run(() -> runtime.createMessageCorrelation(startMessage)
			.processInstanceBusinessKey(contactId)
			.setVariables(all)
			.correlateStartMessage());
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

	/**
	 * The contact entered the journey since {@code since}, whether it still runs or not;
	 * what an erased person with the same id did before does not count.
	 */
	public boolean hasEnteredSince(String journey, String contactId, Instant since) {
		return history.createHistoricProcessInstanceQuery()
			.processDefinitionKey(journey)
			.processInstanceBusinessKey(contactId)
			// the engine keeps milliseconds: a start in the same millisecond counts
			.startedAfter(Date.from(since.truncatedTo(ChronoUnit.MILLIS)))
			.count() > 0;
	}

	/** Variables of the contact's running instance of the journey, if it runs one. */
	public Optional<Map<String, Object>> variablesOfRunning(String journey, String contactId, List<String> names) {
		ProcessInstance running = runtime.createProcessInstanceQuery()
			.processDefinitionKey(journey)
			.processInstanceBusinessKey(contactId)
			.singleResult();
		return running == null ? Optional.empty() : Optional.of(runtime.getVariables(running.getId(), names));
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
	 * Correlates the message to every journey instance of the contact that waits for it
	 * and had started by the moment it happened (with a minute's leeway for the clocks of
	 * other systems): an order placed before a journey began, sent late or resent, is no
	 * conversion of that journey. A journey about an earlier moment on the shop's clock
	 * (a cart abandoned before it was reported) began then, without leeway.
	 */
	public List<CorrelatedJourney> correlate(String message, String contactId, Map<String, Object> variables,
			Instant happenedAt) {
		Map<String, CorrelatedJourney> running = runningJourneys(contactId);
		if (running.isEmpty()) {
			return List.of();
		}

		List<CorrelatedJourney> correlated = new ArrayList<>();
		for (HistoricProcessInstance journey : history.createHistoricProcessInstanceQuery()
			.processInstanceIds(running.keySet())
			.list()) {
			Instant enteredAt = running.get(journey.getId()).enteredAt();
			if (happenedAt.isBefore(ordersCountFrom(enteredAt, journey.getStartTime().toInstant()))) {
				log.info("{} of contact {} at {} not passed to journey {} (process instance {}), which started later",
						message, contactId, happenedAt, journey.getProcessDefinitionKey(), journey.getId());
				continue;
			}
			if (!runtime.createMessageCorrelation(message)
				.processInstanceId(journey.getId())
				.setVariables(variables)
				.correlateAllWithResult()
				.isEmpty()) {
				correlated.add(running.get(journey.getId()));
			}
			else if (suspendedWaitingFor(journey.getId(), message)) {
				throw new JourneySuspended(journey.getProcessDefinitionKey(), journey.getId(), contactId, message);
			}
		}
		return correlated;
	}

	/**
	 * Looked at only when the engine passed the message to no one: a suspended journey's
	 * subscription is still there, skipped.
	 */
	private boolean suspendedWaitingFor(String processInstanceId, String message) {
		return runtime.createProcessInstanceQuery().processInstanceId(processInstanceId).suspended().count() > 0
				&& runtime.createEventSubscriptionQuery()
					.processInstanceId(processInstanceId)
					.eventType("message")
					.eventName(message)
					.count() > 0;
	}

	/**
	 * When a journey's orders start counting: when the contact entered it, on the shop's
	 * clock, if the journey knows ({@code enteredAt}); else when it started, less a
	 * minute for the shop's clock.
	 */
	public static Instant ordersCountFrom(Instant enteredAt, Instant startedAt) {
		return enteredAt != null ? enteredAt : startedAt.minus(CLOCK_LEEWAY);
	}

	/**
	 * Correlates the message to one journey instance, whenever it started: an order
	 * recorded before the journey about it began (the shop reported the cart late). Empty
	 * when the instance does not wait for the message.
	 */
	public Optional<CorrelatedJourney> correlateTo(String processInstanceId, String message, String contactId,
			Map<String, Object> variables) {
		Map<String, CorrelatedJourney> running = runningJourneys(contactId);
		if (!running.containsKey(processInstanceId) || runtime.createMessageCorrelation(message)
			.processInstanceId(processInstanceId)
			.setVariables(variables)
			.correlateAllWithResult()
			.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(running.get(processInstanceId));
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
		Map<String, Instant> entered = new HashMap<>();
		if (!instances.isEmpty()) {
			runtime.createVariableInstanceQuery()
				.processInstanceIdIn(instances.stream().map(ProcessInstance::getId).toArray(String[]::new))
				.variableNameIn(VariableNames.VARIANT, VariableNames.ENTERED_AT)
				.list()
				.forEach((VariableInstance variable) -> {
					if (VariableNames.VARIANT.equals(variable.getName())) {
						variants.put(variable.getProcessInstanceId(), String.valueOf(variable.getValue()));
					}
					else if (variable.getValue() instanceof Date date) {
						entered.put(variable.getProcessInstanceId(), date.toInstant());
					}
				});
		}
		Map<String, CorrelatedJourney> running = new HashMap<>();
		instances.forEach(instance -> running.put(instance.getId(),
				new CorrelatedJourney(instance.getId(),
						repository.getProcessDefinition(instance.getProcessDefinitionId()).getKey(),
						variants.get(instance.getId()), entered.get(instance.getId()))));
		return running;
	}

}
