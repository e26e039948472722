package io.parcours.journey;

import java.util.List;

import io.parcours.contact.ContactErased;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Erasing a contact ends their running journeys and deletes the variable history of all
 * their journeys. Variables hold no PII by rule; deleting them anyway covers what a user
 * task form or an operator may have stored. The instances themselves stay, keyed by the
 * contact id, so journey figures keep counting.
 */
@Component
class JourneyErasure {

	private final RuntimeService runtime;

	private final HistoryService history;

	JourneyErasure(RuntimeService runtime, HistoryService history) {
		this.runtime = runtime;
		this.history = history;
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
			.forEach(history::deleteHistoricVariableInstancesByProcessInstanceId);
	}

}
