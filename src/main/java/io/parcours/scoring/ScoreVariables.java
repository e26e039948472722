package io.parcours.scoring;

import org.camunda.bpm.engine.delegate.VariableScope;

/**
 * Variables another feature derives from a lead's score (what the sales rep reads of it),
 * set by "Update lead score" with the score variables so that the two never show figures
 * of different moments.
 */
public interface ScoreVariables {

	void set(VariableScope journey, LeadScore score);

}
