package io.parcours.testrun;

import static io.parcours.testrun.TestRunCalls.texts;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * On a node running compressed time (the local demo: a day in 10 seconds) a test run
 * still plays every wait as the diagram means it, also the waits a diagram takes from a
 * setting through an expression ({@code ${nurtureInterval}},
 * {@code ${firstReminderDelay}}).
 */
@ParcoursTest
@TestPropertySource(properties = "parcours.time-compression=8640")
class TestRunCompressedTimeIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	IdentityService identity;

	@Autowired
	HistoryService history;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RepositoryService repository;

	@Test
	void theNurtureIntervalOfASettingIsPlayedAtItsFullLength() throws Exception {
		JsonNode report = run("b2b-nurturing", """
				{ "events": [ { "after": "P0D", "type": "lead.created", "properties": {
				    "company": "Acme", "jobTitle": "Developer", "companySize": 20, "industry": "Agriculture",
				    "country": "US", "source": "webinar" } } ] }""");

		assertThat(texts(report.path("timeline"), "detail")).contains("waited PT72H");
		assertThat(texts(report.path("messages"), "template")).startsWith("b2b-nurture-1", "b2b-nurture-2");
		assertThat(texts(report.path("messages"), "at")).startsWith("PT0S", "PT72H");
	}

	@Test
	void aDemoRequestOnDayTwoComesBeforeTheSecondEmailAndHandsTheLeadToSales() throws Exception {
		long decisionsBefore = history.createHistoricDecisionInstanceQuery().count();
		long notificationsBefore = notifications();
		JsonNode report = withEmail("sam", "sam@parcours.example", () -> run("b2b-nurturing", """
				{ "events": [
				  { "after": "P0D", "type": "lead.created", "properties": {
				    "company": "Acme", "jobTitle": "Developer", "companySize": 20, "industry": "Agriculture",
				    "country": "US", "source": "webinar" } },
				  { "after": "P1D", "type": "lead.activity", "properties": { "activity": "pricing_viewed" } },
				  { "after": "P2D", "type": "lead.activity", "properties": { "activity": "demo_requested" } } ] }"""));

		assertThat(texts(report.path("timeline"), "activityId")).contains("Task_HandToSales");
		// the deadline counts from the simulated hand-off: no escalation at once
		List<String> overdue = new ArrayList<>();
		for (JsonNode entry : report.path("timeline")) {
			if ("Event_QualifyOverdue".equals(entry.path("activityId").asText())
					&& entry.path("detail").asText().startsWith("waited ")) {
				overdue.add(entry.path("detail").asText());
			}
		}
		assertThat(overdue).isNotEmpty()
			.allMatch(detail -> detail.startsWith("waited P"))
			.noneMatch("waited PT0S"::equals)
			.as("a business day is read in whole seconds, not the real milliseconds the run took")
			.noneMatch(detail -> detail.contains("."));
		assertThat(report.path("simulatedDuration").asText()).doesNotContain(".");
		assertThat(report.path("outcome").asText()).startsWith("Journey waits at 'Qualify hot lead'")
			.doesNotContain("not sent");
		// the rep's notification shows with the lead's emails, as sam would read it
		assertThat(texts(report.path("messages"), "template")).containsExactly("b2b-nurture-1", "sales-hot-lead");
		assertThat(texts(report.path("messages"), "to")).containsExactly("contact", "sales user sam");
		JsonNode notification = report.path("messages").path(1);
		assertThat(notification.path("at").asText()).isEqualTo("PT48H");
		assertThat(notification.path("provider").asText()).isEqualTo("log");
		assertThat(notification.path("journey").asText()).isEqualTo("b2b-nurturing");
		assertThat(notification.path("step").asText()).isNotBlank();
		assertThat(notification.path("subject").asText()).contains("Acme");
		// the deadline as the team reads it, in its own time zone
		assertThat(notification.path("body").asText())
			.containsPattern("qualify it by \\w+day \\d+ \\w+ \\d{4}, \\d\\d:\\d\\d \\(Europe/Paris\\)");
		// the lead's scoring and routing decisions, and the notification's row, go with
		// the run
		assertThat(history.createHistoricDecisionInstanceQuery().count()).isEqualTo(decisionsBefore);
		assertThat(notifications()).isEqualTo(notificationsBefore);
	}

	/** Cycles keep real time on a compressed node: the run plays them as written. */
	@Test
	void aCycleIsPlayedAtItsRealLength() throws Exception {
		String key = "test-run-cycle";
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_HalfADay")
			.name("Half a day passed")
			.timerWithCycle("R1/PT12H")
			.endEvent()
			.name("Done")
			.done();
		JsonNode report = runDeployed(key, model);

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Done'");
		assertThat(texts(report.path("timeline"), "at")).contains("PT12H").doesNotContain("PT103680H");
	}

	/**
	 * A repeating timer fires again from the moment it fired: each repeat comes a whole
	 * period later on the simulated clock, with no drift of the real clock's
	 * milliseconds.
	 */
	@Test
	void aRepeatingTimerKeepsItsPeriod() throws Exception {
		String key = "test-run-repeat";
		var process = Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1);
		process.eventSubProcess("Sub_Ticks")
			.name("Hourly ticks")
			.startEvent("Start_EveryHour")
			.name("Every hour")
			.interrupting(false)
			.timerWithCycle("R3/PT1H")
			.endEvent("End_Ticked")
			.name("Ticked");
		var model = process.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_HalfADay")
			.name("Half a day passed")
			.timerWithDuration("PT12H")
			.endEvent()
			.name("Done")
			.done();
		JsonNode report = runDeployed(key, model);

		assertThat(texts(report.path("timeline"), "at")).contains("PT1H", "PT2H", "PT3H");
	}

	/**
	 * A wait until a date (a Christmas send) ends when the simulated clock reaches the
	 * date, not after the real time left until it, counted from the simulated moment.
	 */
	@Test
	void aWaitUntilADateEndsWhenTheSimulatedClockReachesIt() throws Exception {
		String key = "test-run-date";
		Instant christmas = Instant.now().plus(Duration.ofDays(12)).truncatedTo(ChronoUnit.SECONDS);
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.intermediateCatchEvent("Event_FiveDays")
			.name("5 days passed")
			.timerWithDuration("P5D")
			.intermediateCatchEvent("Event_Christmas")
			.name("Christmas came")
			.timerWithDate(christmas.toString())
			.endEvent("End_Done")
			.name("Done")
			.done();
		JsonNode report = runDeployed(key, model);

		assertThat(report.path("outcome").asText()).isEqualTo("Journey ended at 'Done'");
		Duration waited = null;
		for (JsonNode entry : report.path("timeline")) {
			if ("Event_Christmas".equals(entry.path("activityId").asText())
					&& entry.path("detail").asText().startsWith("waited ")) {
				waited = Duration.parse(entry.path("detail").asText().substring("waited ".length()));
			}
		}
		assertThat(waited).isNotNull().isBetween(Duration.ofDays(7).minusMinutes(1), Duration.ofDays(7));
	}

	/** A test run, without events, of the model deployed for it alone. */
	private JsonNode runDeployed(String key, BpmnModelInstance model) throws Exception {
		String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
		try {
			return run(key, "{ \"events\": [] }");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	private long notifications() {
		return jdbc.sql("select count(*) from sales_notification").query(Long.class).single();
	}

	@Test
	void theFirstCartReminderWaitsTheConfiguredHour() throws Exception {
		JsonNode report = run("abandoned-cart", """
				{ "events": [ { "after": "P0D", "type": "cart.abandoned", "properties": {
				    "cartId": "cart-test", "value": 80.00, "currency": "EUR", "cartUrl": "https://shop.example/cart/1",
				    "items": [ { "sku": "sku-1", "name": "Shoes", "quantity": 1, "price": 80.00 } ] } } ] }""");

		assertThat(texts(report.path("timeline"), "detail")).contains("waited PT1H");
	}

	private <T> T withEmail(String userId, String email, Callable<T> action) throws Exception {
		User user = identity.createUserQuery().userId(userId).singleResult();
		String before = user.getEmail();
		user.setEmail(email);
		identity.saveUser(user);
		try {
			return action.call();
		}
		finally {
			user.setEmail(before);
			identity.saveUser(user);
		}
	}

	private JsonNode run(String journey, String request) throws Exception {
		return TestRunCalls.run(mvc, json, journey, request);
	}

}
