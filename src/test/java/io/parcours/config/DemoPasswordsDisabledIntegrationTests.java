package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** A demo user left in a production database keeps no published password. */
@ParcoursTest
class DemoPasswordsDisabledIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	@Test
	void aDemoUserWithItsPublishedPasswordIsDisabledOthersAreLeftAlone() {
		String demo = TestContacts.newId("demo").replace("-", "");
		String real = TestContacts.newId("real").replace("-", "");
		create(demo, demo);
		create(real, "A-real-Passw0rd!");
		try {
			new DemoPasswordsDisabled(List.of(demo, real)).postProcessEngineBuild(engine);

			assertThat(identity.checkPassword(demo, demo)).isFalse();
			assertThat(identity.checkPassword(real, "A-real-Passw0rd!")).isTrue();
		}
		finally {
			identity.deleteUser(demo);
			identity.deleteUser(real);
		}
	}

	private void create(String id, String password) {
		User user = identity.newUser(id);
		user.setPassword(password);
		identity.saveUser(user);
	}

}
