package io.parcours.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcours.ParcoursTest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What diagram expressions may read, against the application's real beans: what the
 * shipped journeys use passes; what would run code with the engine's rights does not.
 */
@ParcoursTest
class DiagramExpressionsTests {

	@Autowired
	DiagramExpressions expressions;

	@ParameterizedTest
	@ValueSource(strings = { "${variant == 'A'}", "${leadScore >= hotThreshold || demoRequested}", "${nurtureInterval}",
			"${reactivationSchedule.cycle}", "${decision == 'recycle'}", "${not empty salesRep}", "${now()}",
			"#{smsConsent}", "${cart['value'] > 100}", "${'execution.getClass()'}", "P3D" })
	void whatJourneysReadPasses(String value) {
		assertThat(expressions.problems(value, false)).isEmpty();
	}

	@Test
	void aStepNamesAParcoursStepBeanAlone() {
		assertThat(expressions.problems("${sendEmail}", true)).isEmpty();
		assertThat(expressions.problems("${checkQualifyDecision}", true)).isEmpty();
		assertThat(expressions.problems("${sendEmail}", false)).singleElement()
			.asString()
			.contains("reads 'sendEmail'", "name it alone");
		assertThat(expressions.problems("${sendEmail.execute(execution)}", true)).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = {
			"${execution.processEngineServices.identityService.createMembership('mia', 'camunda-admin')}",
			"${identityService.createMembership('mia', 'camunda-admin') == null}", "${jdbcTemplate}",
			"${contactId.getClass().forName('java.lang.Runtime')}", "${contactId.class}", "${task.delete()}",
			"${contactId['getClass']()}", "${reactivationSchedule['class']['name']}", "${fn:run()}", "${system('ls')}",
			"#{runtimeService}", "${variant == 'A' && authorizationService.createAuthorizationQuery().count() > 0}" })
	void whatWouldRunCodeIsRefused(String value) {
		assertThat(expressions.problems(value, false)).as(value).isNotEmpty();
		assertThat(expressions.problems(value, true)).as(value).isNotEmpty();
	}

}
