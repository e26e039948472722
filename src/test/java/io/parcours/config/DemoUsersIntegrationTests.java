package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Demo users get the email their notifications go to (a sales rep without one is never
 * told about a hot lead), without overwriting a profile edited in Camunda Admin.
 */
@ParcoursTest
class DemoUsersIntegrationTests {

	@Autowired
	ProcessEngine engine;

	@Autowired
	IdentityService identity;

	final String id = "rep" + UUID.randomUUID().toString().substring(0, 8);

	@AfterEach
	void removeUser() {
		identity.deleteUser(id);
	}

	@Test
	void aNewDemoUserHasTheEmailOfTheSettings() {
		new EngineAccess(engine).ensureUser(id, "Rep-password-1", "Rita", "Rep", Groups.SALES, "rita@parcours.example");

		assertThat(user().getEmail()).isEqualTo("rita@parcours.example");
		assertThat(identity.checkPassword(id, "Rep-password-1")).isTrue();
		assertThat(identity.createUserQuery().userId(id).memberOfGroup(Groups.SALES).count()).isOne();
	}

	@Test
	void aDemoUserCreatedWithoutEmailGetsItAtTheNextStart() {
		new EngineAccess(engine).ensureUser(id, "Rep-password-1", "Rita", "Rep", Groups.SALES, null);
		assertThat(user().getEmail()).isNull();

		new EngineAccess(engine).ensureUser(id, "Rep-password-1", "Rita", "Rep", Groups.SALES, "rita@parcours.example");

		assertThat(user().getEmail()).isEqualTo("rita@parcours.example");
		assertThat(identity.checkPassword(id, "Rep-password-1")).isTrue();
	}

	@Test
	void anEmailSetInCamundaAdminIsKept() {
		new EngineAccess(engine).ensureUser(id, "Rep-password-1", "Rita", "Rep", Groups.SALES, "rita@parcours.example");
		User edited = user();
		edited.setEmail("rita.rep@company.example");
		identity.saveUser(edited);

		new EngineAccess(engine).ensureUser(id, "Rep-password-1", "Rita", "Rep", Groups.SALES, "rita@parcours.example");

		assertThat(user().getEmail()).isEqualTo("rita.rep@company.example");
	}

	private User user() {
		return identity.createUserQuery().userId(id).singleResult();
	}

}
