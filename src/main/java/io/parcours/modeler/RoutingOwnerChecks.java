package io.parcours.modeler;

import java.io.ByteArrayInputStream;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.sales.SalesRouting;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * A routing rule naming a sales group or rep that does not exist (a typo, a team not yet
 * created in Camunda Admin) would hand hot leads to nobody: no rep sees the task nor is
 * told of it, until the escalation a business day later. Checked when someone deploys;
 * Parcours' own deployment at start comes before ops create the reps it names.
 */
class RoutingOwnerChecks implements Deployer {

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	@Override
	public void deploy(DeploymentEntity deployment) {
		CommandContext command = Context.getCommandContext();
		if (!deployment.isNew() || deployment.getResources() == null || command == null
				|| command.getAuthentication() == null) {
			return;
		}
		IdentityService identity = Context.getProcessEngineConfiguration().getIdentityService();
		deployment.getResources().forEach((file, resource) -> {
			if (file.endsWith(".dmn") || file.endsWith(".dmn11.xml")) {
				routingRules(resource.getBytes())
					.forEach(rule -> command.runWithoutAuthorization(() -> check(rule, identity)));
			}
		});
	}

	private static List<Rule> routingRules(byte[] content) {
		DmnModelInstance model;
		try {
			model = Dmn.readModelFromStream(new ByteArrayInputStream(content));
		}
		catch (RuntimeException unreadable) {
			// the engine's parse names the problem
			return List.of();
		}
		if (model.getModelElementById(SalesRouting.DECISION) instanceof Decision decision
				&& decision.getExpression() instanceof DecisionTable table) {
			return List.copyOf(table.getRules());
		}
		return List.of();
	}

	private static Void check(Rule rule, IdentityService identity) {
		DecisionTable table = (DecisionTable) rule.getParentElement();
		List<Output> outputs = List.copyOf(table.getOutputs());
		List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
		for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
			Matcher quoted = QUOTED.matcher(String.valueOf(entries.get(i).getTextContent()).strip());
			if (!quoted.matches() || quoted.group(1).isEmpty()) {
				continue;
			}
			String id = quoted.group(1);
			if ("salesGroup".equals(outputs.get(i).getName()) && identity.createGroupQuery().groupId(id).count() == 0) {
				throw new RefusedDeployment("Rule '" + rule.getId() + "' hands hot leads to group '" + id
						+ "', which does not exist: nobody would see them. Create the group in Camunda Admin"
						+ " (ops) with the team's reps first, or pick an existing one.", rule.getId());
			}
			if ("salesRep".equals(outputs.get(i).getName()) && identity.createUserQuery().userId(id).count() == 0) {
				throw new RefusedDeployment("Rule '" + rule.getId() + "' hands hot leads to rep '" + id
						+ "', who is no user of Parcours: nobody would see them. Create the user in Camunda Admin"
						+ " (ops) first, or write their user id as it is there.", rule.getId());
			}
		}
		return null;
	}

}
