package io.parcours.testrun;

import java.util.List;

import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Removes every trace of a test run once its report is written: the test contact's
 * journey instances (running ones stop, timers included) and their history, decisions
 * included, its messages, the sales users' notifications about it, conversions, events,
 * orders and codes, and the contact itself. Cockpit and the figures never see it.
 */
@Component
class TestRunCleanup {

	private static final List<String> TABLES = List.of("message", "conversion", "inbound_event", "customer_order",
			"discount_code", "cart", "experiment_assignment", "lead_score", "lead_score_change", "crm_push",
			"reactivation_enrolment");

	private final RuntimeService runtime;

	private final HistoryService history;

	private final JdbcClient jdbc;

	private final ContactService contacts;

	TestRunCleanup(RuntimeService runtime, HistoryService history, JdbcClient jdbc, ContactService contacts) {
		this.runtime = runtime;
		this.history = history;
		this.jdbc = jdbc;
		this.contacts = contacts;
	}

	void remove(String contactId) {
		List<String> running = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.list()
			.stream()
			.map(ProcessInstance::getId)
			.toList();
		if (!running.isEmpty()) {
			runtime.deleteProcessInstances(running, "test run finished", true, true);
		}
		List<String> finished = history.createHistoricProcessInstanceQuery()
			.processInstanceBusinessKey(contactId)
			.list()
			.stream()
			.map(HistoricProcessInstance::getId)
			.toList();
		for (String instance : finished) {
			// the engine's deletion of an instance's history leaves its decisions behind
			history.createHistoricDecisionInstanceQuery()
				.processInstanceId(instance)
				.list()
				.forEach(decision -> history.deleteHistoricDecisionInstanceByInstanceId(decision.getId()));
			jdbc.sql("delete from sales_notification where idempotency_key like ?").param(instance + "/%").update();
		}
		if (!finished.isEmpty()) {
			history.deleteHistoricProcessInstances(finished);
		}
		TABLES.forEach(table -> jdbc.sql("delete from " + table + " where contact_id = ?").param(contactId).update());
		contacts.erase(contactId);
	}

}
