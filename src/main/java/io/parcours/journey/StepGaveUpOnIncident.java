package io.parcours.journey;

import java.util.List;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;

/**
 * Tells the steps when a job's incident opens, however it came: its last retry used, a
 * failure that no retry can mend, or ops setting its retries to 0 in Cockpit. Runs beside
 * the engine's own handler, which creates the incident, and makes the job due at once, so
 * that an ops retry runs it then.
 */
class StepGaveUpOnIncident implements IncidentHandler {

	private final List<StepGaveUp> gaveUp;

	StepGaveUpOnIncident(List<StepGaveUp> gaveUp) {
		this.gaveUp = gaveUp;
	}

	@Override
	public String getIncidentHandlerType() {
		return Incident.FAILED_JOB_HANDLER_TYPE;
	}

	@Override
	public Incident handleIncident(IncidentContext context, String message) {
		JobEntity job = Context.getCommandContext().getJobManager().findJobById(context.getConfiguration());
		if (job != null) {
			// the job may still be dated by the retry cycle (a backoff booked, or the
			// engine's date after its last failure): Cockpit's retry keeps that date, and
			// the retried step would wait unseen, its incident gone
			job.setDuedate(ClockUtil.getCurrentTime());
		}
		if (job != null && job.getProcessInstanceId() != null) {
			String key = JourneyStep.idempotencyKey(job.getProcessInstanceId(), job.getActivityId(), job.getId());
			gaveUp.forEach(step -> step.gaveUp(key, message != null ? message : job.getExceptionMessage()));
		}
		return null;
	}

	@Override
	public void resolveIncident(IncidentContext context) {
		// the retry finds the message and sends it
	}

	@Override
	public void deleteIncident(IncidentContext context) {
		// nothing of ours to undo
	}

}
