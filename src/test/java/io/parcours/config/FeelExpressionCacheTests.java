package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.config.FeelExpressionCache.CachingScalaFeelEngine;

import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Decision tables are evaluated with parsed FEEL entries kept from one evaluation to the
 * next, with the same answers (and the same errors) as the engine's own integration.
 */
@ParcoursTest
class FeelExpressionCacheTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	DecisionService decisions;

	@Test
	void theEngineEvaluatesDecisionsWithTheCachingFeelEngine() {
		CachingScalaFeelEngine feel = (CachingScalaFeelEngine) ((ProcessEngineConfigurationImpl) engine
			.getProcessEngineConfiguration()).getDmnEngineConfiguration().getFeelEngine();
		Object first = engagementPoints("pricing_viewed");
		long parsed = feel.parsedExpressions();

		Object again = engagementPoints("pricing_viewed");

		assertThat(again).isEqualTo(first).isNotNull();
		assertThat(parsed).isPositive();
		assertThat(feel.parsedExpressions()).as("nothing parsed twice").isEqualTo(parsed);
	}

	@Test
	void unaryTestsGiveTheSameAnswersOnceCached() {
		CachingScalaFeelEngine feel = new CachingScalaFeelEngine(List.of());
		for (int round = 0; round < 2; round++) {
			assertThat(feel.evaluateSimpleUnaryTests("[1..10]", "size", size(5))).isTrue();
			assertThat(feel.evaluateSimpleUnaryTests("[1..10]", "size", size(11))).isFalse();
			assertThat(feel.evaluateSimpleUnaryTests("> 3, < 0", "size", size(-1))).isTrue();
		}
		assertThat(feel.parsedExpressions()).isEqualTo(2);
	}

	@Test
	void anInvalidEntryFailsEveryTimeAsBefore() {
		CachingScalaFeelEngine feel = new CachingScalaFeelEngine(List.of());
		for (int round = 0; round < 2; round++) {
			assertThatThrownBy(() -> feel.evaluateSimpleUnaryTests("[1..", "size", size(5)))
				.isInstanceOf(FeelException.class);
		}
	}

	private Object engagementPoints(String activity) {
		return decisions.evaluateDecisionByKey("lead-engagement")
			.variables(Map.of("activity", activity))
			.evaluate()
			.getSingleEntry();
	}

	private static VariableContext size(int size) {
		return Variables.createVariables().putValue("size", size).asVariableContext();
	}

}
