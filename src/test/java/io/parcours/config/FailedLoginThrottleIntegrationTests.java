package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

/**
 * Guessing an API user's password from one address gets that address throttled, and never
 * locks the user out: the importer keeps working from its own address.
 */
@ParcoursTest
class FailedLoginThrottleIntegrationTests {

	static final String USER = "throttledimporter";

	static final String PASSWORD = "importer-password";

	@Autowired
	MockMvc mvc;

	@Autowired
	IdentityService identity;

	@BeforeEach
	void anImporterUser() {
		if (identity.createUserQuery().userId(USER).count() == 0) {
			User user = identity.newUser(USER);
			user.setPassword(PASSWORD);
			identity.saveUser(user);
			identity.createMembership(USER, Groups.MARKETING);
		}
	}

	@Test
	void aGuessingAddressIsThrottledWhileTheUserGoesOnFromItsOwn() throws Exception {
		for (int guess = 1; guess <= 10; guess++) {
			mvc.perform(get("/api/journeys").with(httpBasic(USER, "guess-" + guess)).with(from("10.9.0.1")))
				.andExpect(status().isUnauthorized());
		}

		mvc.perform(get("/api/journeys").with(httpBasic(USER, "guess-11")).with(from("10.9.0.1")))
			.andExpect(status().isTooManyRequests())
			.andExpect(header().exists("Retry-After"))
			.andExpect(jsonPath("$.title").value("Too many failed log-ins"));
		mvc.perform(
				get("/engine-rest/process-definition/count").with(httpBasic(USER, "guess-12")).with(from("10.9.0.1")))
			.andExpect(status().isTooManyRequests());

		mvc.perform(get("/api/journeys").with(httpBasic(USER, PASSWORD)).with(from("10.9.0.2")))
			.andExpect(status().isOk())
			.andExpect(result -> assertThat(result.getResponse().getContentType())
				.startsWith(MediaType.APPLICATION_JSON_VALUE));
		assertThat(identity.checkPassword(USER, PASSWORD)).as("the engine did not lock the user").isTrue();
	}

	@Test
	void theDashboardLogInFormIsThrottledToo() throws Exception {
		for (int guess = 1; guess <= 10; guess++) {
			mvc.perform(post("/login").param("username", USER)
				.param("password", "guess-" + guess)
				.with(csrf())
				.with(from("10.9.0.4"))).andExpect(redirectedUrl("/login?error"));
		}

		mvc.perform(
				post("/login").param("username", USER).param("password", PASSWORD).with(csrf()).with(from("10.9.0.4")))
			.andExpect(status().isTooManyRequests());
		mvc.perform(
				post("/login").param("username", USER).param("password", PASSWORD).with(csrf()).with(from("10.9.0.5")))
			.andExpect(redirectedUrl("/"));
	}

	@Test
	void requestsWithoutCredentialsAreNeverThrottled() throws Exception {
		for (int request = 1; request <= 15; request++) {
			mvc.perform(get("/api/journeys").with(from("10.9.0.3"))).andExpect(status().isUnauthorized());
		}
	}

	private static RequestPostProcessor from(String address) {
		return request -> {
			request.setRemoteAddr(address);
			return request;
		};
	}

}
