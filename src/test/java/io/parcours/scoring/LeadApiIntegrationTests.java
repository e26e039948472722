package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.List;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * Leads and activities through {@code POST /api/events}, scores through the contact API.
 */
@ParcoursTest
class LeadApiIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	IdentityService identity;

	@Autowired
	RuntimeService runtime;

	@Test
	void theContactShowsItsScoreAsTheDecisionsSayWithItsHistoryAndStage() throws Exception {
		String id = TestContacts.newId("lead");
		leadCreated(id, "Acme", "CTO", 40, "BE");
		activity(id, "email_clicked");

		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("sam", "sam")))
			.andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.containsString("tasks they may work on")));
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(id))
			.andExpect(jsonPath("$.email").value("ana@acme.example"))
			.andExpect(jsonPath("$.lifecycleStage").value("lead"))
			.andExpect(jsonPath("$.leadScore.fit").value(60))
			.andExpect(jsonPath("$.leadScore.fitBreakdown['company size']").value(5))
			.andExpect(jsonPath("$.leadScore.fitBreakdown.seniority").value(20))
			.andExpect(jsonPath("$.leadScore.engagement").value(5))
			.andExpect(jsonPath("$.leadScore.total").value(65))
			.andExpect(jsonPath("$.leadScore.hotThreshold").value(100))
			.andExpect(jsonPath("$.leadScore.history[0].kind").value("activity"))
			.andExpect(jsonPath("$.leadScore.history[0].activity").value("email_clicked"))
			.andExpect(jsonPath("$.leadScore.history[0].points").value(5))
			.andExpect(jsonPath("$.leadScore.history[0].occurredAt").exists())
			.andExpect(jsonPath("$.leadScore.history[1].kind").value("fit"));

		activity(id, "demo_requested");
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("sam", "sam")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lifecycleStage").value("sales-qualified"))
			.andExpect(jsonPath("$.leadScore.total").value(105))
			.andExpect(jsonPath("$.leadScore.demoRequested").value(true));
	}

	/**
	 * The threshold shown is the one the lead's journey holds it to, not today's setting.
	 */
	@Test
	void theContactShowsTheThresholdOfItsOwnJourney() throws Exception {
		String id = TestContacts.newId("lead");
		leadCreated(id, "Acme", "CTO", 40, "BE");
		journeyHoldingTheLeadTo(id, 81);

		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.leadScore.hotThreshold").value(81));
	}

	/**
	 * A large account goes straight to the sales managers: a manager who is in no other
	 * sales group reads the lead they are to qualify, and only that one.
	 */
	@Test
	void aSalesManagerReadsTheLeadRoutedToTheirGroup() throws Exception {
		String manager = TestContacts.newId("manager").replace("-", "");
		User user = identity.newUser(manager);
		user.setPassword("manager-password");
		identity.saveUser(user);
		identity.createMembership(manager, "sales-managers");
		String id = TestContacts.newId("lead");
		String other = TestContacts.newId("lead");
		for (String lead : List.of(id, other)) {
			leadCreated(lead, "Big Corp", "CEO", 5000, "US");
		}
		activity(id, "demo_requested");

		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic(manager, "manager-password")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.lifecycleStage").value("sales-qualified"));
		mvc.perform(get("/api/contacts/{id}", other).with(httpBasic(manager, "manager-password")))
			.andExpect(status().isForbidden());
		mvc.perform(get("/api/contacts").with(httpBasic(manager, "manager-password")))
			.andExpect(status().isForbidden());
		identity.deleteUser(manager);
	}

	/**
	 * The CRM sends the lead again with new company facts: the running journey takes them
	 * (the rep's form and the CRM push show them), scores the fit again and, the lead now
	 * hot, hands it to sales at once.
	 */
	@Test
	void aLeadCreatedAgainWithNewDetailsIsScoredAgainInItsRunningJourney() throws Exception {
		String id = TestContacts.newId("lead");
		leadCreated(id, "Tiny", "Intern", 5, "JP");
		String journey = journeyHoldingTheLeadTo(id, 60);
		int fitBefore = fitOf(id);
		assertThat(fitBefore).isLessThan(60);

		leadCreated(id, id + "-again", "Grown Up", "CEO", 5000, "US");

		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isOne();
		assertThat(runtime.getVariable(journey, LeadVariables.COMPANY)).isEqualTo("Grown Up");
		assertThat(runtime.getVariable(journey, LeadVariables.JOB_TITLE)).isEqualTo("CEO");
		int fitAfter = fitOf(id);
		assertThat(fitAfter).isGreaterThanOrEqualTo(60);
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(jsonPath("$.leadScore.history[0].kind").value("fit"))
			.andExpect(jsonPath("$.leadScore.history[0].points").value(fitAfter - fitBefore))
			.andExpect(jsonPath("$.leadScore.history[1].kind").value("fit"))
			.andExpect(jsonPath("$.leadScore.history[1].points").value(fitBefore))
			.andExpect(jsonPath("$.lifecycleStage").value("sales-qualified"));
		// the rep's form shows the new company, as text
		assertThat((String) runtime.getVariable(journey, "leadFacts")).startsWith("## Grown Up");

		// a report older than the facts the journey holds, arriving late, changes nothing
		event("""
				{"id": "%s-stale", "type": "lead.created", "contactId": "%s", "occurredAt": "%s",
				 "properties": {"company": "Stale Old Co", "jobTitle": "Intern", "companySize": 5, "industry": "Retail",
				                "country": "BR"}}""".formatted(id, id, java.time.Instant.now().minusSeconds(3600)))
			.andExpect(status().isAccepted());
		assertThat(runtime.getVariable(journey, LeadVariables.COMPANY)).isEqualTo("Grown Up");
		assertThat(fitOf(id)).isEqualTo(fitAfter);
	}

	private int fitOf(String id) throws Exception {
		String body = mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString();
		return com.jayway.jsonpath.JsonPath.<Integer>read(body, "$.leadScore.fit");
	}

	/** The lead's journey, holding it to this hot threshold. */
	private String journeyHoldingTheLeadTo(String id, int hotThreshold) {
		String journey = runtime.createProcessInstanceQuery()
			.processDefinitionKey(ProcessKeys.B2B_NURTURING)
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		runtime.setVariable(journey, LeadVariables.HOT_THRESHOLD, hotThreshold);
		return journey;
	}

	private void leadCreated(String id, String company, String jobTitle, int companySize, String country)
			throws Exception {
		leadCreated(id, id + "-created", company, jobTitle, companySize, country);
	}

	private void leadCreated(String id, String eventId, String company, String jobTitle, int companySize,
			String country) throws Exception {
		event("""
				{"id": "%s", "type": "lead.created", "contactId": "%s",
				 "contact": {"email": "ana@acme.example", "firstName": "Ana", "consents": {"email": true}},
				 "properties": {"company": "%s", "jobTitle": "%s", "companySize": %d, "industry": "SaaS",
				                "country": "%s", "source": "webinar"}}""".formatted(eventId, id, company, jobTitle,
				companySize, country))
			.andExpect(status().isAccepted());
	}

	private void activity(String id, String activity) throws Exception {
		event("""
				{"id": "%s-%s", "type": "lead.activity", "contactId": "%s", "properties": {"activity": "%s"}}"""
			.formatted(id, activity, id, activity)).andExpect(status().isAccepted());
	}

	@Test
	void aContactThatIsNoLeadHasNoScore() throws Exception {
		String id = TestContacts.newId("c");
		event("""
				{"id": "%s-signup", "type": "contact.signed_up", "contactId": "%s", "contact": {"firstName": "Ben"}}"""
			.formatted(id, id));

		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(jsonPath("$.firstName").value("Ben"))
			.andExpect(jsonPath("$.leadScore").doesNotExist());
	}

	@Test
	void refusesAnUnknownActivityNamingTheField() throws Exception {
		event("""
				{"id": "bad-activity", "type": "lead.activity", "contactId": "c-any", "properties": {"activity": "coffee"}}""")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("properties.activity"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString(
					"expected one of [page_viewed, pricing_viewed, content_downloaded, webinar_attended, demo_requested")));
	}

	@Test
	void refusesAnUnassignedCountryAndAFractionalCompanySize() throws Exception {
		String lead = """
				{"id": "bad-lead", "type": "lead.created", "contactId": "c-any", "contact": {"email": "l@example.com"},
				 "properties": {"company": "Acme", "companySize": %s, "country": "%s"}}""";
		event(lead.formatted("10", "QQ")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.country"));
		event(lead.formatted("10.7", "FR")).andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("properties.companySize"));
	}

	@Test
	void refusesAKeyGivenTwice() throws Exception {
		event("""
				{"id": "twice-1", "id": "twice-2", "type": "contact.signed_up", "contactId": "c-twice"}""")
			.andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
	}

	private ResultActions event(String json) throws Exception {
		return mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

}
