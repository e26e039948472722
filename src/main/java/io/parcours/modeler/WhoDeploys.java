package io.parcours.modeler;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;

import io.parcours.config.Groups;

/** Who is deploying: ops, or Parcours itself at start (no one logged in). */
final class WhoDeploys {

	private WhoDeploys() {
	}

	static boolean isOpsOrParcours() {
		var commandContext = Context.getCommandContext();
		Authentication authentication = commandContext == null ? null : commandContext.getAuthentication();
		return authentication == null
				|| authentication.getGroupIds() != null && authentication.getGroupIds().contains(Groups.OPS);
	}

}
