package io.parcours.testrun;

import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/** A marketer's test run through the API, and the report's fields as lists. */
final class TestRunCalls {

	private TestRunCalls() {
	}

	/** {@code POST /api/journeys/{key}/test-runs} as {@code mia}, expecting 201. */
	static JsonNode run(MockMvc mvc, ObjectMapper json, String journey, String request) throws Exception {
		return json.readTree(mvc.perform(post("/api/journeys/" + journey + "/test-runs").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(request)).andExpect(status().isCreated()).andReturn().getResponse().getContentAsString());
	}

	/** One field of every entry of a report list (timeline, messages). */
	static List<String> texts(JsonNode list, String field) {
		List<String> texts = new ArrayList<>();
		list.forEach(item -> texts.add(item.path(field).asText()));
		return texts;
	}

}
