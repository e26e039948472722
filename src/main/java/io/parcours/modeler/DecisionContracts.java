package io.parcours.modeler;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.parcours.sales.SalesRouting;

import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * The decisions Parcours evaluates, with what it gives them and what it reads of their
 * results. A marketer's table reading a name it is not given (an input typed
 * {@code activityType} for {@code activity}) matches no rule, and one whose output is
 * renamed gives nothing Parcours reads: every lead would score 0, and nobody would know.
 */
final class DecisionContracts {

	/**
	 * What Parcours gives the decision, what it reads of its result, and which of those
	 * outputs every rule must fill (a rule with no points would fail every lead it
	 * matches).
	 */
	private record Contract(Set<String> inputs, Set<String> outputs, Set<String> filled) {
	}

	private static final Set<String> LEAD_FACTS = Set.of("jobTitle", "industry", "country", "companySize");

	private static final Map<String, Contract> CONTRACTS = Map.of("lead-seniority",
			new Contract(LEAD_FACTS, Set.of("seniority"), Set.of()), "lead-fit",
			new Contract(Set.of("jobTitle", "industry", "country", "companySize", "seniority"),
					Set.of("criterion", "points"), Set.of("criterion", "points")),
			"lead-engagement", new Contract(Set.of("activity"), Set.of("points"), Set.of("points")),
			SalesRouting.DECISION,
			new Contract(Set.of("country", "companySize"), Set.of("salesGroup", "salesRep"), Set.of("salesGroup")));

	/** Hit policies under which two rules matching one input fail the evaluation. */
	private static final Set<HitPolicy> ONE_RULE_ONLY = Set.of(HitPolicy.UNIQUE, HitPolicy.ANY);

	private static final Pattern NAME = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|([A-Za-z_][A-Za-z0-9_]*)");

	static final String POINTS = "points";

	private static final Set<String> NUMBER_TYPES = Set.of("integer", "long", "double");

	/** More than this for one fact or activity is a typo: a lead is hot at 100. */
	static final long MAX_POINTS = 1000;

	private DecisionContracts() {
	}

	static void checkOutputs(Decision decision) {
		Contract contract = CONTRACTS.get(decision.getId());
		if (contract == null || !(decision.getExpression() instanceof DecisionTable table)) {
			return;
		}
		Set<String> given = new TreeSet<>();
		table.getOutputs().stream().map(Output::getName).forEach(given::add);
		for (Output output : table.getOutputs()) {
			String type = output.getTypeRef();
			if (POINTS.equals(output.getName()) && type != null && !NUMBER_TYPES.contains(type.strip())) {
				throw new RefusedDeployment("The decision '" + decision.getId() + "' gives its points as " + type
						+ ": Parcours adds them up, so the column's type must be integer (as in the table Parcours"
						+ " ships).", decision.getId());
			}
		}
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

	/**
	 * A rule of ours leaving an output Parcours reads empty fails every lead it matches;
	 * a rule matching every input beside others, under a hit policy allowing one match
	 * (UNIQUE, the default), fails every evaluation that another rule matches too.
	 */
	static void checkRule(Rule rule) {
		if (!(rule.getParentElement() instanceof DecisionTable table)
				|| !(table.getParentElement() instanceof Decision decision)) {
			return;
		}
		Contract contract = CONTRACTS.get(decision.getId());
		if (contract == null) {
			return;
		}
		List<Output> outputs = List.copyOf(table.getOutputs());
		List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
		for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
			if (contract.filled().contains(outputs.get(i).getName()) && isBlank(entries.get(i).getTextContent())) {
				String column = outputs.get(i).getLabel() != null ? outputs.get(i).getLabel()
						: outputs.get(i).getName();
				throw new RefusedDeployment("Rule '" + rule.getId() + "' of the decision '" + decision.getId()
						+ "' leaves '" + column + "' empty: every lead it matches would fail. Give it a value.",
						rule.getId());
			}
		}
		for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
			Long points = POINTS.equals(outputs.get(i).getName()) ? number(entries.get(i).getTextContent()) : null;
			if (points != null && Math.abs(points) > MAX_POINTS) {
				throw new RefusedDeployment("Rule '" + rule.getId() + "' of the decision '" + decision.getId()
						+ "' gives " + points + " points: at most " + MAX_POINTS + " either way (a lead is hot at"
						+ " 100). Check the value.", rule.getId());
			}
		}
		boolean matchesEverything = rule.getInputEntries().stream().allMatch(entry -> isAny(entry.getTextContent()));
		if (matchesEverything && table.getRules().size() > 1 && ONE_RULE_ONLY.contains(table.getHitPolicy())) {
			throw new RefusedDeployment("Rule '" + rule.getId() + "' of the decision '" + decision.getId()
					+ "' matches everything, and the table's hit policy (" + table.getHitPolicy()
					+ ") lets one rule match only: every evaluation another rule matches would fail. Set the hit"
					+ " policy to FIRST and put this rule last.", rule.getId());
		}
	}

	/** A whole number written in a cell; null for anything else (an expression). */
	private static Long number(String text) {
		try {
			return text == null ? null : Long.valueOf(text.strip());
		}
		catch (NumberFormatException notAWholeNumber) {
			return null;
		}
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

	private static boolean isAny(String text) {
		return isBlank(text) || "-".equals(text.strip());
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
