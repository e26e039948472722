package io.parcours.modeler;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;

/**
 * A deployment holds journeys, decision tables and Camunda Forms, nothing else: a CMMN
 * case runs without authorizations for anyone, and an HTML or script file would run in
 * the Tasklist of whoever opens a task showing it.
 */
class DeployedResourceTypes implements Deployer {

	static final List<String> ALLOWED = List.of(".bpmn", ".bpmn20.xml", ".dmn", ".dmn11.xml", ".form");

	@Override
	public void deploy(DeploymentEntity deployment) {
		// deployments made before (read again into the engine's cache) stand as they are
		if (!deployment.isNew() || deployment.getResources() == null) {
			return;
		}
		for (String name : deployment.getResources().keySet()) {
			String lower = name.toLowerCase(Locale.ROOT);
			if (ALLOWED.stream().noneMatch(lower::endsWith)) {
				throw new RefusedDeployment("'" + name + "' is not a journey (.bpmn), a decision table (.dmn) or a "
						+ "Camunda Form (.form): Parcours deploys nothing else.", null);
			}
		}
	}

}
