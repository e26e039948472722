package io.parcours.testrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.parcours.ParcoursTest;
import io.parcours.journey.TestRunContacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A test run that breaks itself (not its journey, which a failed report tells) answers a
 * problem, not the framework's error page, and still leaves no test contact behind.
 */
@ParcoursTest
class TestRunFailureIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@MockitoSpyBean
	TestRuns testRuns;

	@Test
	void aRunThatCannotFinishAnswersAProblemAndLeavesNoTestContact() throws Exception {
		doThrow(new IllegalStateException("Test run report cannot be written")).when(testRuns).finished(any());

		mvc.perform(post("/api/journeys/welcome/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{ "events": [ { "after": "P0D", "type": "contact.signed_up" } ] }"""))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Test run failed"))
			.andExpect(jsonPath("$.detail").value(containsString("report cannot be written")));

		assertThat(jdbc.sql("select count(*) from contact where id like ?")
			.param(TestRunContacts.LIKE)
			.query(Long.class)
			.single()).isZero();
		assertThat(jdbc.sql("select status from test_run").query(String.class).list()).containsExactly("error");
	}

}
