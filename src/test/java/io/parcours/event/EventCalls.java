package io.parcours.event;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.parcours.TestContacts;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/** {@code POST /api/events} as the marketer, for the tests of this package. */
final class EventCalls {

	private EventCalls() {
	}

	static ResultActions send(MockMvc mvc, String json) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	/** A new contact, signed up with email and SMS consent; its id. */
	static String signedUpContact(MockMvc mvc) throws Exception {
		String contactId = TestContacts.newId("c");
		send(mvc, EventApiIntegrationTests.signUp(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());
		return contactId;
	}

}
