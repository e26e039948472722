package io.parcours.testrun;

import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.springframework.stereotype.Component;

/**
 * What a timer's expression ({@code ${nurtureInterval}}) gives for the job's execution,
 * evaluated by the engine as it did when it set the timer.
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
			return execution == null ? null
					: engine.getExpressionManager().createExpression(expression).getValue(execution);
		});
	}

}
