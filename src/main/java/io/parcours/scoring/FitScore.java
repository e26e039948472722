package io.parcours.scoring;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A lead's fit from the {@code lead-fit} decision: points per criterion, and the
 * seniority read from the job title.
 */
public record FitScore(Map<String, Integer> breakdown, String seniority) {

	public FitScore {
		breakdown = Collections.unmodifiableMap(new LinkedHashMap<>(breakdown));
	}

	public int points() {
		return breakdown.values().stream().mapToInt(Integer::intValue).sum();
	}

	/** Executives and directors get the business-case version of the nurturing emails. */
	public boolean decisionMaker() {
		return "executive".equals(seniority) || "director".equals(seniority);
	}

}
