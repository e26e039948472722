package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The dashboard calls the API within its log-in session, so its writes carry the CSRF
 * token: a header that does not log in (a bearer token, a Basic header the session
 * outranks) does not excuse a write riding on the session's cookie.
 */
@ParcoursTest
class DashboardSessionCsrfIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Test
	void aWriteRidingOnTheDashboardSessionNeedsItsCsrfTokenWhateverHeaderComesWithIt() throws Exception {
		MockHttpSession dashboard = miaLoggedIn();
		String contact = TestContacts.newId("c");
		String event = """
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "contact": {"consents": {"email": false}}}"""
			.formatted(TestContacts.newId("e"), contact);

		mvc.perform(post("/api/events").session(dashboard)
			.header(HttpHeaders.AUTHORIZATION, "Bearer x")
			.contentType(MediaType.APPLICATION_JSON)
			.content(event)).andExpect(status().isForbidden());
		mvc.perform(post("/api/events").session(dashboard)
			.with(httpBasic("mia", "wrong"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(event)).andExpect(status().isForbidden());
		mvc.perform(delete("/api/contacts/{id}", contact).session(dashboard).header(HttpHeaders.AUTHORIZATION, ""))
			.andExpect(status().isForbidden());

		mvc.perform(post("/api/events").session(dashboard)
			.with(csrf())
			.contentType(MediaType.APPLICATION_JSON)
			.content(event)).andExpect(status().isAccepted());
		// a script with HTTP Basic and no session needs no token
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(event.replace("\"id\": \"", "\"id\": \"basic-"))).andExpect(status().isAccepted());
	}

	@Test
	void loggingOutEndsOnTheLogInPage() throws Exception {
		mvc.perform(get("/login?logout"))
			.andExpect(status().isOk())
			.andExpect(content().string(Matchers.containsString("signed out")));
	}

	/**
	 * A log-in form or a "Log out" whose session ended meanwhile: back to the log-in
	 * page, not a refusal written for API clients.
	 */
	@Test
	void aStaleLogInOrLogOutFormLeadsBackToTheLogInPage() throws Exception {
		mvc.perform(post("/logout").param("_csrf", "stale"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login?logout"));
		mvc.perform(post("/login").param("username", "mia").param("password", "mia").param("_csrf", "stale"))
			.andExpect(status().is3xxRedirection())
			.andExpect(redirectedUrl("/login"));
	}

	/**
	 * "Log out" clicked in a tab older than the session's log-in (its token no longer
	 * counts): the page says "signed out", and the session is ended.
	 */
	@Test
	void aLogOutWithATokenThatNoLongerCountsStillEndsTheSession() throws Exception {
		MockHttpSession session = miaLoggedIn();
		mvc.perform(get("/api/me").session(session)).andExpect(status().isOk());

		mvc.perform(post("/logout").session(session).param("_csrf", "from-an-older-tab"))
			.andExpect(redirectedUrl("/login?logout"));

		assertThat(session.isInvalid()).isTrue();
	}

	/** The dashboard's own calls get no Basic challenge: no browser sign-in dialog. */
	@Test
	void theDashboardsCallsWithoutSessionGetNoBasicChallenge() throws Exception {
		mvc.perform(get("/api/me").header("X-Requested-With", "XMLHttpRequest"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().doesNotExist(HttpHeaders.WWW_AUTHENTICATE));
		mvc.perform(get("/api/me"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, Matchers.startsWith("Basic")));
	}

	/** Mia's session after the dashboard's log-in page. */
	private MockHttpSession miaLoggedIn() throws Exception {
		return (MockHttpSession) mvc
			.perform(post("/login").param("username", "mia").param("password", "mia").with(csrf()))
			.andExpect(status().is3xxRedirection())
			.andReturn()
			.getRequest()
			.getSession(false);
	}

}
