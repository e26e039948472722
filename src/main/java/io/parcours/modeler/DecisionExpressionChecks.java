package io.parcours.modeler;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import io.parcours.event.LeadActivity;

import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRequirementsGraph;
import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionLiteralExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableInputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableOutputImpl;
import org.camunda.bpm.dmn.engine.impl.DmnDecisionTableRuleImpl;
import org.camunda.bpm.dmn.engine.impl.DmnExpressionImpl;
import org.camunda.bpm.dmn.engine.impl.spi.transform.DmnTransformListener;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Definitions;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.OutputEntry;
import org.camunda.bpm.model.dmn.instance.Rule;

/**
 * Decision tables are written in FEEL, which reads the decision's inputs and nothing
 * else. Another expression language (JUEL, a script) would reach the application's beans
 * with the engine's rights, so a table using one is refused at deployment; so is text in
 * a column of numbers.
 */
class DecisionExpressionChecks implements DmnTransformListener {

	private static final Set<String> NUMBERS = Set.of("integer", "long", "double", "number");

	private static final Set<String> WHOLE = Set.of("integer", "long");

	private static final Pattern WHOLE_NUMBER = Pattern.compile("-?\\d+");

	private static final Pattern DECIMAL_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?");

	private static final Set<String> FEEL = Set.of("feel", "feel-scala", "feel-scala-untyped",
			"http://www.omg.org/spec/feel/20140401", "https://www.omg.org/spec/dmn/20191111/feel/");

	private final DmnEngine dmn;

	DecisionExpressionChecks(DmnEngine dmn) {
		this.dmn = dmn;
	}

	@Override
	public void transformDecision(Decision element, DmnDecision decision) {
		if (decision.getDecisionLogic() instanceof DmnDecisionLiteralExpressionImpl literal) {
			check(literal.getExpression(), decision.getKey(), element.getId());
		}
		DecisionContracts.checkOutputs(element);
		if ("lead-engagement".equals(decision.getKey()) && decision.isDecisionTable()) {
			scoresEveryActivity(decision);
		}
	}

	/**
	 * The engagement table is read for each activity a lead can have: one the table
	 * matches twice under UNIQUE fails every such event, one it has no rule for (a rule
	 * removed, an activity name misspelt) scores 0 without a word. Each activity is
	 * evaluated here once.
	 */
	private void scoresEveryActivity(DmnDecision decision) {
		for (LeadActivity.Activity activity : LeadActivity.Activity.values()) {
			DmnDecisionResult result;
			try {
				result = dmn.evaluateDecision(decision,
						Variables.createVariables().putValue("activity", activity.value()));
			}
			catch (RuntimeException failure) {
				throw new RefusedDeployment("The decision 'lead-engagement' fails for the activity '" + activity.value()
						+ "': " + failure.getMessage() + ". Give each activity one rule.", decision.getKey());
			}
			if (result.isEmpty() || result.getFirstResult().getEntry(DecisionContracts.POINTS) == null) {
				throw new RefusedDeployment("The decision 'lead-engagement' gives no points for the activity '"
						+ activity.value() + "' (no rule matches it: removed, or its name misspelt?). Give it a"
						+ " rule, with 0 points if it should not count.", decision.getKey());
			}
		}
	}

	@Override
	public void transformDecisionTableInput(Input element, DmnDecisionTableInputImpl input) {
		check(input.getExpression(), element.getId(), element.getId());
		DecisionContracts.checkInput(element);
	}

	@Override
	public void transformDecisionTableOutput(Output element, DmnDecisionTableOutputImpl output) {
	}

	@Override
	public void transformDecisionTableRule(Rule element, DmnDecisionTableRuleImpl rule) {
		rule.getConditions().forEach(condition -> check(condition, element.getId(), element.getId()));
		rule.getConclusions().forEach(conclusion -> check(conclusion, element.getId(), element.getId()));
		checkNumbers(element);
		RoutingChecks.check(element);
		DecisionContracts.checkRule(element);
	}

	/**
	 * Text in a number column ({@code "abc"} for points, or {@code 2.5} where whole
	 * points are kept) deploys, then fails every evaluation of the table (each event it
	 * scores would be stored for retry) or reads as nothing (an unquoted word is a FEEL
	 * name): a number column holds number literals.
	 */
	private static void checkNumbers(Rule rule) {
		if (!(rule.getParentElement() instanceof DecisionTable table)) {
			return;
		}
		List<Output> outputs = List.copyOf(table.getOutputs());
		List<OutputEntry> entries = List.copyOf(rule.getOutputEntries());
		for (int i = 0; i < Math.min(outputs.size(), entries.size()); i++) {
			Output output = outputs.get(i);
			String text = entries.get(i).getTextContent() == null ? "" : entries.get(i).getTextContent().strip();
			String type = output.getTypeRef() == null ? "" : output.getTypeRef().toLowerCase(Locale.ROOT);
			if (NUMBERS.contains(type) && !text.isEmpty()
					&& !(WHOLE.contains(type) ? WHOLE_NUMBER : DECIMAL_NUMBER).matcher(text).matches()) {
				String column = output.getLabel() != null ? output.getLabel() : output.getName();
				throw new RefusedDeployment("Rule '" + rule.getId() + "' gives " + text + " for '" + column
						+ "', which holds " + (WHOLE.contains(type) ? "whole numbers" : "numbers") + " ("
						+ output.getTypeRef() + "): write a " + (WHOLE.contains(type) ? "whole " : "")
						+ "number without quotes, e.g. 10.", rule.getId());
			}
		}
	}

	@Override
	public void transformDecisionRequirementsGraph(Definitions element, DmnDecisionRequirementsGraph graph) {
	}

	private static void check(DmnExpressionImpl expression, String where, String elementId) {
		String language = expression == null ? null : expression.getExpressionLanguage();
		if (language == null || FEEL.contains(language.toLowerCase())) {
			return;
		}
		String message = "'" + where + "' is written in " + language + ". Decision tables are written in FEEL, "
				+ "the Modeler's default: remove the expression language set on this cell or column.";
		throw new RefusedDeployment(message, elementId);
	}

}
