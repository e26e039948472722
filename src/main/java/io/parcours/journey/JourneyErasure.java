package io.parcours.journey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.parcours.contact.ContactErased;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erasing a contact ends their running journeys and deletes, for all their journeys, the
 * history of variables and of decisions (a lead's job title, company, scores) and what
 * people wrote about them on their journeys and tasks. Variables hold no PII by rule;
 * deleting them anyway covers what a user task form or an operator may have stored. The
 * instances themselves stay, keyed by the contact id, so journey figures keep counting.
 */
@Component
class JourneyErasure {

	/**
	 * Why the journeys of an erased contact ended: the one reason kept in their history.
	 */
	private static final String ERASED = "contact erased";

	private static final String DELETE_REASON = "deleteReason";

	/**
	 * What the other journeys of a batch read as the reason, once it named the person.
	 */
	private static final String REASON_ERASED = "reason erased with a contact's data";

	private final RuntimeService runtime;

	private final HistoryService history;

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	JourneyErasure(RuntimeService runtime, HistoryService history, JdbcClient jdbc, ObjectMapper json) {
		this.runtime = runtime;
		this.history = history;
		this.jdbc = jdbc;
		this.json = json;
	}

	@EventListener
	void erase(ContactErased erased) {
		List<String> running = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(erased.contactId())
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		List<BatchSettings> batches = cancellationBatches();
		Set<String> reasons = new HashSet<>(jdbc.sql("""
				select DELETE_REASON_ from ACT_HI_PROCINST
				where BUSINESS_KEY_ = ? and DELETE_REASON_ is not null and DELETE_REASON_ <> ?""")
			.params(erased.contactId(), ERASED)
			.query(String.class)
			.list());
		batches.stream()
			.filter(batch -> batch.names(running))
			.forEach(batch -> batch.reason(json).ifPresent(reasons::add));
		if (!running.isEmpty()) {
			runtime.deleteProcessInstances(running, ERASED, true, true);
		}
		history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(erased.contactId())
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.forEach(this::eraseHistoryOf);
		eraseReasons(batches, reasons);
		erased.refile(jdbc, "ACT_HI_PROCINST", "BUSINESS_KEY_");
	}

	/**
	 * The settings of the batches ops started to cancel journeys, and of each of their
	 * jobs: they keep the reason ops typed until the batch is done (for ever, should its
	 * jobs fail), the journeys' ids only until its jobs are made.
	 */
	private List<BatchSettings> cancellationBatches() {
		return jdbc.sql("""
				select ID_, BYTES_ from ACT_GE_BYTEARRAY where ID_ in (
				  select CONFIGURATION_ from ACT_RU_BATCH where TYPE_ = :type
				  union select HANDLER_CFG_ from ACT_RU_JOB where HANDLER_TYPE_ = :type)""")
			.param("type", Batch.TYPE_PROCESS_INSTANCE_DELETION)
			.query((row, n) -> new BatchSettings(row.getString(1), row.getBytes(2)))
			.list();
	}

	/**
	 * The reason typed for cancelling the person's journeys goes from the batches still
	 * running (they go on without it) and from the operation log, where a batch's entry
	 * names no journey.
	 */
	private void eraseReasons(List<BatchSettings> batches, Set<String> reasons) {
		if (reasons.isEmpty()) {
			return;
		}
		for (BatchSettings batch : batches) {
			if (batch.reason(json).filter(reasons::contains).isPresent()) {
				jdbc.sql("update ACT_GE_BYTEARRAY set BYTES_ = ? where ID_ = ?")
					.params(batch.withReason(json, REASON_ERASED), batch.id())
					.update();
			}
		}
		jdbc.sql(
				"update ACT_HI_OP_LOG set NEW_VALUE_ = null where PROPERTY_ = 'deleteReason' and NEW_VALUE_ in (:reasons)")
			.param("reasons", reasons)
			.update();
	}

	/** A batch's settings, as the engine stores them: JSON. */
	private record BatchSettings(String id, byte[] bytes) {

		boolean names(List<String> journeys) {
			String text = bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8);
			return journeys.stream().anyMatch(journey -> text.contains('"' + journey + '"'));
		}

		Optional<String> reason(ObjectMapper json) {
			return read(json).map(settings -> settings.path(DELETE_REASON))
				.filter(JsonNode::isTextual)
				.map(JsonNode::asText);
		}

		byte[] withReason(ObjectMapper json, String reason) {
			ObjectNode settings = (ObjectNode) read(json).orElseThrow();
			settings.put(DELETE_REASON, reason);
			try {
				return json.writeValueAsBytes(settings);
			}
			catch (IOException unwritable) {
				throw new IllegalStateException("Batch settings cannot be written", unwritable);
			}
		}

		private Optional<JsonNode> read(ObjectMapper json) {
			try {
				JsonNode settings = bytes == null ? null : json.readTree(bytes);
				return settings instanceof ObjectNode ? Optional.of(settings) : Optional.empty();
			}
			catch (IOException unreadable) {
				return Optional.empty();
			}
		}

	}

	private void eraseHistoryOf(String processInstanceId) {
		history.deleteHistoricVariableInstancesByProcessInstanceId(processInstanceId);
		history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()
			.forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
		eraseWhatPeopleWrote(processInstanceId);
	}

	/**
	 * What ops and reps typed about the person on their journey and its tasks: comments,
	 * attachments, task descriptions and renamings, why a journey or task was cancelled,
	 * values in the operation log, notes on incidents and incidents raised by hand, and
	 * assignees or candidates that are no user or group of Parcours; and what the
	 * journey's failures said. The engine's API deletes these for running instances only,
	 * or not at all.
	 */
	private void eraseWhatPeopleWrote(String processInstanceId) {
		String ofTheJourney = " (PROC_INST_ID_ = :journey or ROOT_PROC_INST_ID_ = :journey"
				+ " or TASK_ID_ in (select ID_ from ACT_HI_TASKINST where PROC_INST_ID_ = :journey))";
		for (String statement : List.of(
				"update ACT_HI_PROCINST set DELETE_REASON_ = null where ID_ = :journey and DELETE_REASON_ <> '" + ERASED
						+ "'",
				"update ACT_HI_TASKINST set DELETE_REASON_ = null where PROC_INST_ID_ = :journey"
						+ " and DELETE_REASON_ not in ('completed', 'deleted', '" + ERASED + "')",
				"delete from ACT_HI_COMMENT where" + ofTheJourney,
				"delete from ACT_GE_BYTEARRAY where ID_ in (select CONTENT_ID_ from ACT_HI_ATTACHMENT where"
						+ ofTheJourney + ")",
				"delete from ACT_HI_ATTACHMENT where" + ofTheJourney,
				"update ACT_HI_OP_LOG set ORG_VALUE_ = null, NEW_VALUE_ = null, ANNOTATION_ = null where"
						+ ofTheJourney,
				// a failed job's incident keeps its job id; an incident ops raised by
				// hand
				// keeps no configuration either
				"""
						update ACT_HI_INCIDENT set ANNOTATION_ = null, INCIDENT_MSG_ = null,
						  CONFIGURATION_ = case when INCIDENT_TYPE_ = 'failedJob' then CONFIGURATION_ end
						where PROC_INST_ID_ = :journey or ROOT_PROC_INST_ID_ = :journey""",
				// failures and deferrals of the journey's steps, as a provider or the
				// policy worded them (the contact's time zone, what a provider quoted)
				"""
						delete from ACT_GE_BYTEARRAY where ID_ in (select JOB_EXCEPTION_STACK_ID_ from ACT_HI_JOB_LOG
						  where PROCESS_INSTANCE_ID_ = :journey or ROOT_PROC_INST_ID_ = :journey)""", """
						update ACT_HI_JOB_LOG set JOB_EXCEPTION_MSG_ = null, JOB_EXCEPTION_STACK_ID_ = null
						where PROCESS_INSTANCE_ID_ = :journey or ROOT_PROC_INST_ID_ = :journey""", """
						update ACT_HI_TASKINST set DESCRIPTION_ = null,
						  NAME_ = (select a.ACT_NAME_ from ACT_HI_ACTINST a where a.ID_ = ACT_HI_TASKINST.ACT_INST_ID_)
						where PROC_INST_ID_ = :journey""", """
						update ACT_HI_TASKINST set ASSIGNEE_ = null where PROC_INST_ID_ = :journey
						  and ASSIGNEE_ not in (select ID_ from ACT_ID_USER)""", """
						update ACT_HI_TASKINST set OWNER_ = null where PROC_INST_ID_ = :journey
						  and OWNER_ not in (select ID_ from ACT_ID_USER)""", """
						update ACT_HI_ACTINST set ASSIGNEE_ = null where PROC_INST_ID_ = :journey
						  and ASSIGNEE_ not in (select ID_ from ACT_ID_USER)""", """
						delete from ACT_HI_IDENTITYLINK where (ROOT_PROC_INST_ID_ = :journey
						  or TASK_ID_ in (select ID_ from ACT_HI_TASKINST where PROC_INST_ID_ = :journey))
						  and (USER_ID_ not in (select ID_ from ACT_ID_USER)
						    or GROUP_ID_ not in (select ID_ from ACT_ID_GROUP))""")) {
			jdbc.sql(statement).param("journey", processInstanceId).update();
		}
	}

}
