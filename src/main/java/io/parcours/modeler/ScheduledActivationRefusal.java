package io.parcours.modeler;

import java.lang.reflect.Field;

import org.camunda.bpm.engine.impl.cmd.DeployCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.repository.DeploymentBuilderImpl;
import org.springframework.util.ReflectionUtils;

/**
 * A deployment may ask the engine to activate its journeys later
 * ({@code deployment-activation-time}): the new version is then the latest, suspended,
 * and every start message fails until that moment, so no contact starts the journey at
 * all; a marketer would also suspend a journey without the right to. Journeys are active
 * when deployed: deploy at the moment the change should begin.
 */
class ScheduledActivationRefusal extends CommandInterceptor {

	private static final Field BUILDER = ReflectionUtils.findField(DeployCmd.class, "deploymentBuilder");

	static {
		ReflectionUtils.makeAccessible(BUILDER);
	}

	@Override
	public <T> T execute(Command<T> command) {
		if (command instanceof DeployCmd deploy
				&& ReflectionUtils.getField(BUILDER, deploy) instanceof DeploymentBuilderImpl builder
				&& builder.getProcessDefinitionsActivationDate() != null) {
			throw new RefusedDeployment("Parcours journeys are active from their deployment on: leave out the"
					+ " activation time (deployment-activation-time) and deploy when the change should begin."
					+ " Nothing was deployed.", null);
		}
		return next.execute(command);
	}

}
