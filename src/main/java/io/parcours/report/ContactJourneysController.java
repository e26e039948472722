package io.parcours.report;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.parcours.report.ContactJourneys.ContactJourney;
import io.parcours.report.ContactJourneys.ScorePoint;
import io.parcours.scoring.LeadVariables;

import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** One contact's journeys from the engine's history, for the dashboard's contact view. */
@RestController
class ContactJourneysController {

	private final HistoryService history;

	private final RepositoryService repository;

	private final JdbcClient jdbc;

	private final RuntimeService runtime;

	private final ContactService contacts;

	ContactJourneysController(HistoryService history, RepositoryService repository, RuntimeService runtime,
			JdbcClient jdbc, ContactService contacts) {
		this.contacts = contacts;
		this.history = history;
		this.runtime = runtime;
		this.repository = repository;
		this.jdbc = jdbc;
	}

	@GetMapping("/api/contacts/{contactId}/journeys")
	ContactJourneys journeys(@PathVariable String contactId) {
		contacts.refuseInvalidId(contactId, "contactId");
		List<HistoricProcessInstance> instances = contacts.requireRecorded(contactId, "contactId",
				history.createHistoricProcessInstanceQuery()
					.processInstanceBusinessKey(contactId)
					.orderByProcessInstanceStartTime()
					.desc()
					.list());
		Map<String, Conversion> conversions = jdbc
			.sql("select process_instance_id, revenue, currency from conversion where contact_id = ?")
			.param(contactId)
			.query((rs, row) -> Map.entry(rs.getString(1), new Conversion(rs.getBigDecimal(2), rs.getString(3))))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		return new ContactJourneys(contactId,
				instances.stream().map(instance -> journey(instance, conversions.get(instance.getId()))).toList(),
				scores(instances));
	}

	/** What converting the journey brought in: every amount with its currency. */
	private record Conversion(BigDecimal revenue, String currency) {
	}

	private ContactJourney journey(HistoricProcessInstance instance, Conversion conversion) {
		ProcessDefinition definition = repository.getProcessDefinition(instance.getProcessDefinitionId());
		List<String> waitingAt = instance.getEndTime() != null ? List.of() : waitingAt(instance);
		return new ContactJourney(instance.getId(), definition.getKey(),
				definition.getName() != null ? definition.getName() : definition.getKey(), definition.getVersion(),
				instance.getStartTime().toInstant(),
				instance.getEndTime() == null ? null : instance.getEndTime().toInstant(), instance.getState(),
				waitingAt, conversion != null, conversion == null ? null : conversion.revenue(),
				conversion == null ? null : conversion.currency());
	}

	/**
	 * The steps a running journey is at: started ones, and those queued for the job
	 * executor (an asynchronous send step has no history until its job runs).
	 */
	private List<String> waitingAt(HistoricProcessInstance instance) {
		List<String> started = history.createHistoricActivityInstanceQuery()
			.processInstanceId(instance.getId())
			.unfinished()
			.list()
			.stream()
			.filter(activity -> !activity.getActivityType().equals("subProcess"))
			.map(activity -> activity.getActivityName() != null ? activity.getActivityName() : activity.getActivityId())
			.toList();
		if (!started.isEmpty()) {
			return started;
		}
		// the journey may end between the two reads (its queued step ran): then it waits
		// nowhere
		ActivityInstance position = runtime.getActivityInstance(instance.getId());
		if (position == null) {
			return List.of();
		}
		BpmnModelInstance model = repository.getBpmnModelInstance(instance.getProcessDefinitionId());
		return activityIds(position).map(id -> {
			FlowElement element = model.getModelElementById(id);
			return element != null && element.getName() != null ? element.getName() : id;
		}).distinct().toList();
	}

	/** The steps at the leaves of the tree: running, or queued before they start. */
	private static Stream<String> activityIds(ActivityInstance scope) {
		Stream<String> queued = Arrays.stream(scope.getChildTransitionInstances())
			.map(TransitionInstance::getActivityId);
		Stream<String> running = Arrays.stream(scope.getChildActivityInstances())
			.flatMap(child -> child.getChildActivityInstances().length == 0
					&& child.getChildTransitionInstances().length == 0 ? Stream.of(child.getActivityId())
							: activityIds(child));
		return Stream.concat(queued, running);
	}

	private List<ScorePoint> scores(List<HistoricProcessInstance> instances) {
		if (instances.isEmpty()) {
			return List.of();
		}
		Map<String, String> journeyOf = instances.stream()
			.collect(
					Collectors.toMap(HistoricProcessInstance::getId, HistoricProcessInstance::getProcessDefinitionKey));
		return history.createHistoricDetailQuery()
			.variableUpdates()
			.processInstanceIdIn(instances.stream().map(HistoricProcessInstance::getId).toArray(String[]::new))
			.list()
			.stream()
			.map(HistoricVariableUpdate.class::cast)
			.filter(update -> LeadVariables.LEAD_SCORE.equals(update.getVariableName()))
			.sorted(Comparator.comparing(update -> update.getTime()))
			.map(update -> new ScorePoint(update.getTime().toInstant(), update.getValue(),
					journeyOf.get(update.getProcessInstanceId())))
			.toList();
	}

}
