package io.parcours.journey;

import java.util.List;

import io.parcours.contact.ContactErased;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Erasing a contact ends their running journeys and deletes, for all their journeys, the
 * history of variables and of decisions (a lead's job title, company, scores) and the
 * comments on their journeys and tasks (free text a rep may have written about them).
 * Variables hold no PII by rule; deleting them anyway covers what a user task form or an
 * operator may have stored. The instances themselves stay, keyed by the contact id, so
 * journey figures keep counting.
 */
@Component
class JourneyErasure {

	private final RuntimeService runtime;

	private final HistoryService history;

	private final JdbcClient jdbc;

	JourneyErasure(RuntimeService runtime, HistoryService history, JdbcClient jdbc) {
		this.runtime = runtime;
		this.history = history;
		this.jdbc = jdbc;
	}

	@EventListener
	void erase(ContactErased erased) {
		List<String> running = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(erased.contactId())
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		if (!running.isEmpty()) {
			runtime.deleteProcessInstances(running, "contact erased", true, true);
		}
		history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(erased.contactId())
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.forEach(this::eraseHistoryOf);
	}

	private void eraseHistoryOf(String processInstanceId) {
		history.deleteHistoricVariableInstancesByProcessInstanceId(processInstanceId);
		history.createHistoricDecisionInstanceQuery()
			.processInstanceId(processInstanceId)
			.list()
			.forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
		// the engine deletes comments of running instances and tasks only
		jdbc.sql("delete from ACT_HI_COMMENT where PROC_INST_ID_ = ?").param(processInstanceId).update();
	}

}
