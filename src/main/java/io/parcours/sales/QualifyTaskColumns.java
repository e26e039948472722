package io.parcours.sales;

import java.util.HashMap;
import java.util.Map;

import io.parcours.scoring.LeadVariables;

import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The company, score and country of a hot lead as columns of Tasklist's sales filters, so
 * a rep picks among the team's leads without opening each. The filters show variables a
 * rep may read, and a rep reads their task's own variables, not the journey's: copies are
 * kept on the "Qualify hot lead" task, written when it is created and again with each
 * change of the score or the company while it is open. No personal data: the lead's
 * company, country and score only.
 */
@Component
class QualifyTaskColumns {

	static final String COMPANY = "listCompany";

	static final String SCORE = "listScore";

	static final String COUNTRY = "listCountry";

	private final TaskService tasks;

	QualifyTaskColumns(TaskService tasks) {
		this.tasks = tasks;
	}

	@EventListener(condition = "#task.eventName == 'create' && #task.taskDefinitionKey == '"
			+ Opportunities.QUALIFY_TASK + "'")
	public void created(DelegateTask task) {
		task.setVariablesLocal(of(task.getExecution(), task.getVariable(LeadVariables.LEAD_SCORE)));
	}

	/**
	 * The open task of the journey, if any, shows {@code score} and the journey's facts.
	 */
	void refresh(String processInstanceId, VariableScope journey, int score) {
		tasks.createTaskQuery()
			.processInstanceId(processInstanceId)
			.taskDefinitionKey(Opportunities.QUALIFY_TASK)
			.list()
			.forEach(task -> tasks.setVariablesLocal(task.getId(), of(journey, score)));
	}

	private static Map<String, Object> of(VariableScope journey, Object score) {
		Map<String, Object> columns = new HashMap<>();
		columns.put(COMPANY, journey.getVariable(LeadVariables.COMPANY));
		columns.put(SCORE, score);
		columns.put(COUNTRY, journey.getVariable(LeadVariables.COUNTRY));
		return columns;
	}

}
