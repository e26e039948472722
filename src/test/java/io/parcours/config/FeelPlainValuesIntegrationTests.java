package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.DecisionService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A deployed decision cannot call Java through an object handed to it: FEEL calls the
 * methods of any object it does not know, and from a byte array it reached the engine by
 * reflection (a red team made a marketer admin this way).
 */
@ParcoursTest
class FeelPlainValuesIntegrationTests {

	static final String REFLECTION = """
			<?xml version="1.0" encoding="UTF-8"?>
			<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="reflectionDefs" name="reflection"
			    namespace="http://camunda.org/schema/1.0/dmn">
			  <decision id="reflection" name="reflection">
			    <variable id="reflectionVar" name="reflection" typeRef="string"/>
			    <literalExpression id="reflectionExpr">
			      <text>{c: b.getClass(), r: c.forName("java.lang.Thread", true, null), t: r.newInstance(), cur: t.currentThread(), l: cur.getContextClassLoader(), k: l.loadClass("org.camunda.bpm.engine.impl.context.Context"), ctx: k.newInstance(), cfg: ctx.getProcessEngineConfiguration(), ids: cfg.getIdentityService(), m: ids.createMembership("mia", "camunda-admin")}.m</text>
			    </literalExpression>
			  </decision>
			</definitions>""";

	@Autowired
	RepositoryService repository;

	@Autowired
	DecisionService decisions;

	@Autowired
	IdentityService identity;

	String deployment;

	@BeforeEach
	void deploy() {
		deployment = repository.createDeployment().addString("reflection.dmn", REFLECTION).deploy().getId();
	}

	@AfterEach
	void undeploy() {
		repository.deleteDeployment(deployment, true);
		identity.deleteMembership("mia", "camunda-admin");
	}

	@Test
	void anObjectGivenToADecisionIsNoDoorToJava() {
		try {
			decisions.evaluateDecisionByKey("reflection")
				.variables(Map.of("b", "x".getBytes(StandardCharsets.UTF_8)))
				.evaluate();
		}
		catch (RuntimeException refused) {
			// failing is fine; calling into Java is not
		}

		assertThat(identity.createUserQuery().userId("mia").memberOfGroup("camunda-admin").count()).isZero();
	}

	@Test
	void plainValuesStillReachDecisions() {
		assertThat(FeelPlainValues.isPlain("text")).isTrue();
		assertThat(FeelPlainValues.isPlain(42)).isTrue();
		assertThat(FeelPlainValues.isPlain(java.util.List.of("a"))).isTrue();
		assertThat(FeelPlainValues.isPlain(new byte[] { 1 })).isFalse();
		assertThat(FeelPlainValues.isPlain(new Object())).isFalse();
	}

}
