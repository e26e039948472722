package io.parcours.sales;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.dmn.engine.DmnDecisionResultEntries;
import org.camunda.bpm.engine.DecisionService;
import org.springframework.stereotype.Component;

/**
 * The latest deployed {@code lead-routing} decision: country and company size to a sales
 * group and rep.
 */
@Component
public class SalesRouting {

	public static final String DECISION = "lead-routing";

	private final DecisionService decisions;

	SalesRouting(DecisionService decisions) {
		this.decisions = decisions;
	}

	SalesOwner route(String country, Integer companySize) {
		Map<String, Object> inputs = new HashMap<>();
		inputs.put("country", country == null ? "" : country);
		inputs.put("companySize", companySize);
		DmnDecisionResultEntries owner = decisions.evaluateDecisionByKey(DECISION)
			.variables(inputs)
			.evaluate()
			.getFirstResult();
		if (owner == null || owner.get("salesGroup") == null) {
			throw new IllegalStateException("lead-routing has no rule for country " + country + " and size "
					+ companySize + ": add a last rule matching every lead");
		}
		return new SalesOwner((String) owner.get("salesGroup"), (String) owner.get("salesRep"));
	}

}
