package io.parcours.config;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The groups of DESIGN.md and what each may do in the engine. Ops ({@code camunda-admin})
 * get every permission from the starter when the admin user is created; marketing deploy
 * and watch journeys; sales work their tasks in Tasklist (task grants come with candidate
 * groups, features add the rest).
 */
@Component
class GroupsAndGrants extends AbstractCamundaConfiguration {

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		EngineAccess access = new EngineAccess(processEngine);
		access.ensureGroup(Groups.OPS, "Operations");
		access.ensureGroup(Groups.MARKETING, "Marketing");
		access.ensureGroup(Groups.SALES, "Sales");

		access.grantApplication(Groups.MARKETING, "cockpit");
		access.grantApplication(Groups.MARKETING, "welcome");
		// deploy and watch, not delete: deleting a deployment with cascade removes its
		// running journeys
		// and their history for good (ops may)
		access.grantOnAll(Groups.MARKETING, Resources.DEPLOYMENT, Permissions.CREATE, Permissions.READ);
		access.withdrawOnAll(Groups.MARKETING, Resources.DEPLOYMENT, Permissions.DELETE);
		access.grantOnAll(Groups.MARKETING, Resources.PROCESS_DEFINITION, Permissions.READ, Permissions.READ_INSTANCE,
				Permissions.READ_HISTORY);
		access.grantOnAll(Groups.MARKETING, Resources.PROCESS_INSTANCE, Permissions.READ);
		access.grantOnAll(Groups.MARKETING, Resources.DECISION_DEFINITION, Permissions.READ, Permissions.READ_HISTORY);
		access.grantOnAll(Groups.MARKETING, Resources.DECISION_REQUIREMENTS_DEFINITION, Permissions.READ);

		access.grantApplication(Groups.SALES, "tasklist");
		access.grantApplication(Groups.SALES, "welcome");
	}

}
