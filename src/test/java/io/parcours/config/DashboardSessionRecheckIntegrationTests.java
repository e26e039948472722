package io.parcours.config;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.function.Consumer;

import io.parcours.TestContacts;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard's log-in session follows what ops change in Admin, as HTTP Basic does: a
 * password changed, a group left or the user deleted ends it within the check interval
 * (here a millisecond).
 */
@SpringBootTest(properties = "parcours.security.remember-credentials-for=1ms")
@AutoConfigureMockMvc
@ActiveProfiles("test")
class DashboardSessionRecheckIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	IdentityService identity;

	@Test
	void aPasswordChangedEndsTheSession() throws Exception {
		endsTheSession(user -> {
			User stored = identity.createUserQuery().userId(user).singleResult();
			stored.setPassword("another-password-1");
			identity.saveUser(stored);
		});
	}

	@Test
	void leavingMarketingEndsTheSession() throws Exception {
		endsTheSession(user -> identity.deleteMembership(user, Groups.MARKETING));
	}

	@Test
	void aDeletedUserLosesTheSession() throws Exception {
		endsTheSession(identity::deleteUser);
	}

	@Test
	void aChangedProfileKeepsTheSession() throws Exception {
		String user = marketer();
		MockHttpSession session = logIn(user);
		User stored = identity.createUserQuery().userId(user).singleResult();
		stored.setFirstName("Renamed");
		identity.saveUser(stored);
		Thread.sleep(5);

		mvc.perform(get("/api/me").session(session)).andExpect(status().isOk());
	}

	private void endsTheSession(Consumer<String> change) throws Exception {
		String user = marketer();
		MockHttpSession session = logIn(user);
		mvc.perform(get("/api/me").session(session)).andExpect(status().isOk());

		change.accept(user);
		Thread.sleep(5);

		mvc.perform(get("/api/messages").session(session)).andExpect(status().isUnauthorized());
		mvc.perform(get("/").session(session).accept(MediaType.TEXT_HTML)).andExpect(status().is3xxRedirection());
	}

	private String marketer() {
		String id = TestContacts.newId("mk").replace("-", "");
		User user = identity.newUser(id);
		user.setPassword("first-password-1");
		identity.saveUser(user);
		identity.createMembership(id, Groups.MARKETING);
		return id;
	}

	private MockHttpSession logIn(String user) throws Exception {
		return (MockHttpSession) mvc
			.perform(post("/login").param("username", user).param("password", "first-password-1").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getRequest()
			.getSession(false);
	}

}
