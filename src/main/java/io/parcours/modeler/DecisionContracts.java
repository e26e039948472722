package io.parcours.modeler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.sales.SalesRouting;

import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;

/**
 * The decisions Parcours evaluates, with what it gives them and what it reads of their
 * results. A marketer's table reading a name it is not given (an input typed
 * {@code activityType} for {@code activity}) matches no rule, and one whose output is
 * renamed gives nothing Parcours reads: every lead would score 0, and nobody would know.
 */
final class DecisionContracts {

	private record Contract(Set<String> inputs, Set<String> outputs) {
	}

	private static final Set<String> LEAD_FACTS = Set.of("jobTitle", "industry", "country", "companySize");

	private static final Map<String, Contract> CONTRACTS = Map.of("lead-seniority", new Contract(LEAD_FACTS, Set.of()),
			"lead-fit",
			new Contract(Set.of("jobTitle", "industry", "country", "companySize", "seniority"),
					Set.of("criterion", "points")),
			"lead-engagement", new Contract(Set.of("activity"), Set.of("points")), SalesRouting.DECISION,
			new Contract(Set.of("country", "companySize"), Set.of("salesGroup", "salesRep")));

	private static final Pattern NAME = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|([A-Za-z_][A-Za-z0-9_]*)");

	private DecisionContracts() {
	}

	static void checkOutputs(Decision decision) {
		Contract contract = CONTRACTS.get(decision.getId());
		if (contract == null || !(decision.getExpression() instanceof DecisionTable table)) {
			return;
		}
		Set<String> given = new TreeSet<>();
		table.getOutputs().stream().map(Output::getName).forEach(given::add);
		for (String needed : new TreeSet<>(contract.outputs())) {
			if (!given.contains(needed)) {
				throw new RefusedDeployment(
						"The decision '" + decision.getId() + "' has no output named '" + needed + "': Parcours reads "
								+ String.join(", ", new TreeSet<>(contract.outputs())) + " of it (its outputs: "
								+ String.join(", ", given) + "). Keep the output names of the table Parcours ships.",
						decision.getId());
			}
		}
	}

	static void checkInput(Input input) {
		if (!(input.getParentElement() instanceof DecisionTable table)
				|| !(table.getParentElement() instanceof Decision decision)) {
			return;
		}
		Contract contract = CONTRACTS.get(decision.getId());
		String expression = input.getInputExpression() == null || input.getInputExpression().getText() == null ? ""
				: input.getInputExpression().getText().getTextContent();
		if (contract == null || expression == null || expression.isBlank()) {
			return;
		}
		Matcher names = NAME.matcher(expression);
		while (names.find()) {
			if (names.group(1) != null && contract.inputs().contains(names.group(1))) {
				return;
			}
		}
		String label = input.getLabel() != null ? input.getLabel() : input.getId();
		throw new RefusedDeployment("Input '" + label + "' of the decision '" + decision.getId() + "' reads "
				+ expression.strip() + ", which the decision is not given: Parcours gives it "
				+ String.join(", ", List.copyOf(new TreeSet<>(contract.inputs()))) + ".", input.getId());
	}

}
