package io.parcours.report;

import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A contact's journeys read while one of them ends: history still says running, the
 * engine no longer has it.
 */
@ParcoursTest
class ContactJourneysEndingIntegrationTests {

	@Autowired
	MockMvc mvc;

	@MockitoSpyBean
	RuntimeService runtime;

	@Test
	void aJourneyEndingWhileItIsReadWaitsNowhereInsteadOfFailing() throws Exception {
		String contactId = TestContacts.newId("c");
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
					 "contact": {"email": "%s@example.com", "consents": {"email": true}}}"""
				.formatted(TestContacts.newId("e"), contactId, contactId)))
			.andExpect(status().isAccepted());
		// the moment the page asks the engine where the journey is, it has just ended
		doAnswer(call -> {
			runtime.deleteProcessInstance(call.getArgument(0), "ended meanwhile");
			return call.callRealMethod();
		}).when(runtime).getActivityInstance(anyString());
		doAnswer(call -> {
			runtime.deleteProcessInstance(call.getArgument(0), "ended meanwhile");
			return call.callRealMethod();
		}).when(runtime).getActiveActivityIds(anyString());

		mvc.perform(get("/api/contacts/{id}/journeys", contactId).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.journeys[0].journey").value("welcome"))
			.andExpect(jsonPath("$.journeys[0].waitingAt").isEmpty());
	}

}
