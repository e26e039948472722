package io.parcours.sales.process;

import java.util.Optional;

import io.parcours.journey.JourneyStep;
import io.parcours.journey.OpsOnlyStep;
import io.parcours.journey.StartsOnItsOwn;
import io.parcours.journey.StepMisconfiguredException;
import io.parcours.sales.QualifyTasks;
import io.parcours.sales.SalesAccess;
import io.parcours.sales.SalesNotifications;
import io.parcours.sales.SalesVariables;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.task.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * BPMN {@code ${notifySales}}, element template "Notify sales": emails the lead's owner
 * (the rep, else the group) or the sales managers about the open "Qualify hot lead" task;
 * nobody once it is decided.
 */
@OpsOnlyStep("a step of the hand-off to sales, where sales reps decide what becomes of a lead")
@StartsOnItsOwn("notifies sales by email")
@Component("notifySales")
class NotifySalesDelegate implements JavaDelegate {

	private static final Logger log = LoggerFactory.getLogger(NotifySalesDelegate.class);

	private final SalesNotifications notifications;

	private final QualifyTasks tasks;

	NotifySalesDelegate(SalesNotifications notifications, QualifyTasks tasks) {
		this.notifications = notifications;
		this.tasks = tasks;
	}

	@Override
	public void execute(DelegateExecution execution) {
		String recipients = JourneyStep.requiredInput(execution, "recipients");
		String lead = JourneyStep.contactId(execution);
		Optional<Task> open = tasks.open(execution.getProcessInstanceId());
		if (open.isEmpty()) {
			// decided while the email waited (a provider down, a retry): nothing to
			// qualify
			log.info("Lead {} was decided before its '{}' notification went: nobody notified", lead, recipients);
			return;
		}
		String taskId = open.get().getId();
		String key = JourneyStep.idempotencyKey(execution);
		switch (recipients) {
			case "owner" -> notifications.notify(key, lead, SalesNotifications.HOT_LEAD,
					(String) execution.getVariable(SalesVariables.SALES_REP),
					(String) execution.getVariable(SalesVariables.SALES_GROUP), taskId, execution.getVariables());
			case "managers" -> notifications.notify(key, lead, SalesNotifications.ESCALATION, null,
					SalesAccess.MANAGERS, taskId, execution.getVariables());
			default -> throw new StepMisconfiguredException("Step '" + execution.getCurrentActivityName()
					+ "' notifies unknown recipients '" + recipients + "': use owner or managers");
		}
	}

}
