package io.parcours.modeler;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.config.Groups;
import io.parcours.sales.SalesRouting;

import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The routing table hands each hot lead to a group that may decide it: {@code sales},
 * {@code sales-managers} or another {@code sales-...} team. A lead routed to marketing
 * (or to no group) would wait in a task nobody it was handed to may complete.
 */
final class RoutingChecks {

	private static final String GROUP_COLUMN = "salesGroup";

	private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");

	private RoutingChecks() {
	}

	static void check(Rule rule) {
		if (!(rule.getParentElement() instanceof DecisionTable table)
				|| !(table.getParentElement() instanceof Decision decision)
				|| !SalesRouting.DECISION.equals(decision.getId())) {
			return;
		}
		List<Output> outputs = List.copyOf(table.getOutputs());
		List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
		for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
			if (GROUP_COLUMN.equals(outputs.get(i).getName())) {
				checkGroup(rule, outputs.get(i), entries.get(i).getTextContent());
			}
		}
	}

	private static void checkGroup(Rule rule, Output column, String text) {
		Matcher quoted = QUOTED.matcher(text == null ? "" : text.strip());
		if (quoted.matches() && Groups.isSales(quoted.group(1))) {
			return;
		}
		String label = column.getLabel() != null ? column.getLabel() : column.getName();
		String given = text == null || text.isBlank() ? "no group" : text.strip();
		throw new RefusedDeployment("Rule '" + rule.getId() + "' hands hot leads to " + given + " in '" + label
				+ "', which may not decide them: write, in quotes, \"" + Groups.SALES + "\", \"" + Groups.SALES_MANAGERS
				+ "\" or another group whose id starts with \"" + Groups.SALES
				+ "-\" (a team of sales reps in Camunda Admin).", rule.getId());
	}

}
