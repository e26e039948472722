package io.parcours.testrun;

import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * What a timer's expression ({@code ${nurtureInterval}}) gives for the job's execution,
 * evaluated by the engine as it did when it set the timer; null when it cannot be
 * evaluated again, as when it read a transient variable (the reactivation journey's
 * {@code ${sendAt}}), gone once the timer was set.
 */
@Component
class TimerValues {

	private final ProcessEngineConfigurationImpl engine;

	TimerValues(ProcessEngineConfigurationImpl engine) {
		this.engine = engine;
	}

	Object evaluate(Job job, String expression) {
		if (job.getExecutionId() == null) {
			return null;
		}
		return engine.getCommandExecutorTxRequired().execute(context -> {
			ExecutionEntity execution = context.getExecutionManager().findExecutionById(job.getExecutionId());
			if (execution == null) {
				return null;
			}
			// caught inside the command, which then ends normally: no engine error logged
			try {
				return engine.getExpressionManager().createExpression(expression).getValue(execution);
			}
			catch (ProcessEngineException unknownNow) {
				return null;
			}
		});
	}

}
