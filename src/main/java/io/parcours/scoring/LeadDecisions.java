package io.parcours.scoring;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.camunda.bpm.dmn.engine.DmnDecisionResult;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * Evaluates the latest deployed scoring decisions, so new points apply as soon as a
 * marketer redeploys a table.
 */
@Component
class LeadDecisions {

	static final String FIT = "lead-fit";

	static final String SENIORITY = "lead-seniority";

	static final String ENGAGEMENT = "lead-engagement";

	private final DecisionService decisions;

	LeadDecisions(DecisionService decisions) {
		this.decisions = decisions;
	}

	FitScore fit(LeadProfile lead) {
		Map<String, Object> inputs = new HashMap<>();
		// FEEL's string functions fail on null: an unknown text is an empty one
		inputs.put("jobTitle", Objects.requireNonNullElse(lead.jobTitle(), ""));
		inputs.put("industry", Objects.requireNonNullElse(lead.industry(), ""));
		inputs.put("country", Objects.requireNonNullElse(lead.country(), ""));
		inputs.put("companySize", lead.companySize());
		String seniority = evaluate(SENIORITY, inputs).getSingleEntry();
		Map<String, Integer> breakdown = new LinkedHashMap<>();
		evaluate(FIT, inputs).getResultList()
			.forEach(rule -> breakdown.merge((String) rule.get("criterion"), ((Number) rule.get("points")).intValue(),
					Integer::sum));
		return new FitScore(breakdown, seniority);
	}

	/** The points of an activity; 0 for an activity the table does not list. */
	int engagementPoints(String activity) {
		DmnDecisionResult result = evaluate(ENGAGEMENT, Map.of("activity", activity));
		Number points = result.isEmpty() ? null : result.getSingleEntry();
		return points == null ? 0 : points.intValue();
	}

	private DmnDecisionResult evaluate(String key, Map<String, Object> inputs) {
		return decisions.evaluateDecisionByKey(key).variables(inputs).evaluate();
	}

}
