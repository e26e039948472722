package io.parcours.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.Delivery;
import io.parcours.channel.MessageCategory;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.Messages;
import io.parcours.channel.SendRequest;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.event.EventIngestion;
import io.parcours.event.EventRequest;
import io.parcours.event.EventType;
import io.parcours.journey.Conversions;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * {@code GET /api/journeys/{key}/stats} against known journeys (exact changes) and
 * against a recount through the engine's history API and the message list.
 */
@ParcoursTest
class JourneyStatsIntegrationTests {

	@Autowired
	Delivery delivery;

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Autowired
	Journeys journeys;

	@Autowired
	ManagementService management;

	@Autowired
	HistoryService history;

	@Autowired
	Messages messages;

	@Autowired
	Conversions conversions;

	@Autowired
	EventIngestion events;

	@Autowired
	TestContacts contacts;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Test
	void listsDeployedJourneysWithTheirObjective() throws Exception {
		JsonNode welcome = find("/api/journeys", "key", "welcome");

		assertThat(welcome.path("name").asText()).isEqualTo("Welcome series");
		assertThat(welcome.path("version").asInt()).isPositive();
		assertThat(welcome.path("objective").path("kpi").asText()).isEqualTo("conversion-rate");
		assertThat(welcome.path("objective").path("target").decimalValue()).isEqualByComparingTo("0.15");
		assertThat(welcome.path("objective").path("source").asText()).isEqualTo("diagram");
	}

	@Test
	void aJourneyWithAnAbSplitStepShowsItsExperiment() throws Exception {
		assertThat(find("/api/journeys", "key", "abandoned-cart").path("experiment").asText())
			.isEqualTo("cart-reminder");
		assertThat(stats("abandoned-cart").path("experiment").asText()).isEqualTo("cart-reminder");
		assertThat(stats("welcome").path("experiment").isMissingNode()).isTrue();
	}

	@Test
	void countsWhatHappensInAJourneyAndLeavesTestRunsOut() throws Exception {
		JsonNode before = stats("welcome");
		String converting = run(contacts.withConsent(true, true), true);
		run(contacts.withConsent(false, false), true);
		start(contacts.withConsent(true, false).id());
		runtime.deleteProcessInstance(start(contacts.withConsent(true, false).id()), "cancelled by ops in Cockpit");
		String testRun = start(TestRunContacts.PREFIX + TestContacts.newId("t"));
		executeJobOf(testRun);
		order(converting, "42.00");
		executeJobOf(converting);

		JsonNode after = stats("welcome");

		assertThat(delta(before, after, "entered")).isEqualTo(4);
		assertThat(delta(before, after, "active")).isEqualTo(2);
		assertThat(delta(before, after, "completed")).isEqualTo(1);
		assertThat(delta(before, after, "canceled")).isEqualTo(1);
		assertThat(delta(before, after, "converted")).isEqualTo(1);
		assertThat(after.at("/revenue/byCurrency/EUR")
			.decimalValue()
			.subtract(before.at("/revenue/byCurrency/EUR").decimalValue())).isEqualByComparingTo("42.00");
		assertThat(channelDelta(before, after, "/byStatus/sent")).isEqualTo(2);
		assertThat(channelDelta(before, after, "/byStatus/skipped")).isEqualTo(1);
		assertThat(channelDelta(before, after, "/skippedReasons/no-consent")).isEqualTo(1);
		assertThat(stepDelta(before, after, "Task_SendWelcomeEmail", "reached")).isEqualTo(3);
		assertThat(stepDelta(before, after, "Task_SendWelcomeEmail", "waiting")).isEqualTo(1);
		assertThat(stepDelta(before, after, "Event_TwoDaysPassed", "reached")).isEqualTo(2);
		assertThat(stepDelta(before, after, "Event_TwoDaysPassed", "waiting")).isEqualTo(1);
		assertThat(stepDelta(before, after, "EndEvent_Converted", "reached")).isEqualTo(1);
		assertThat(after.path("funnel").get(0).path("activityId").asText()).isEqualTo("StartEvent_SignedUp");
	}

	@Test
	void figuresMatchARecountFromTheEngineHistoryAndTheMessages() throws Exception {
		run(contacts.withConsent(true, false), false);
		String converting = run(contacts.withConsent(true, true), true);
		order(converting, "19.90");

		JsonNode stats = stats("welcome");

		List<HistoricProcessInstance> instances = history.createHistoricProcessInstanceQuery()
			.processDefinitionKey("welcome")
			.list()
			.stream()
			.filter(instance -> !TestRunContacts.isTestRun(instance.getBusinessKey()))
			.toList();
		Set<String> ids = instances.stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
		assertThat(stats.path("entered").asLong()).isEqualTo(instances.size());
		assertThat(stats.path("active").asLong())
			.isEqualTo(instances.stream().filter(instance -> instance.getEndTime() == null).count());
		assertThat(stats.path("completed").asLong()).isEqualTo(instances.stream()
			.filter(instance -> HistoricProcessInstance.STATE_COMPLETED.equals(instance.getState()))
			.count());
		long converted = ids.stream().filter(conversions::converted).count();
		assertThat(stats.path("converted").asLong()).isEqualTo(converted);
		assertThat(stats.path("conversionRate").decimalValue())
			.isEqualByComparingTo(Objectives.rate(converted, instances.size()));
		assertThat(stats.at("/objective/actual").decimalValue())
			.isEqualByComparingTo(stats.path("conversionRate").decimalValue());
		assertThat(statusCounts(stats)).isEqualTo(recountMessages());
		for (JsonNode step : stats.path("funnel")) {
			String activityId = step.path("activityId").asText();
			Set<String> reached = history.createHistoricActivityInstanceQuery()
				.activityId(activityId)
				.list()
				.stream()
				.map(HistoricActivityInstance::getProcessInstanceId)
				.filter(ids::contains)
				.collect(Collectors.toSet());
			reached.addAll(queuedBefore(activityId, ids));
			reached.addAll(messagedAt(activityId, ids));
			assertThat(step.path("reached").asLong()).as(activityId).isEqualTo(reached.size());
		}
	}

	/**
	 * Ops deleted a journey's history in Cockpit, or the history cleanup did after its
	 * time to live: its conversion and messages leave the figures with it, so a rate
	 * never counts conversions of contacts no longer counted as entered.
	 */
	@Test
	void figuresLeaveOutTheInstancesWhoseHistoryIsGone() throws Exception {
		String converting = run(contacts.withConsent(true, false), true);
		order(converting, "10.00");
		while (management.createJobQuery().processInstanceId(converting).count() > 0) {
			executeJobOf(converting);
		}
		JsonNode before = stats("welcome");
		long itsMessages = messages.search("welcome", null, null, 1000, 0)
			.stream()
			.filter(message -> converting.equals(message.processInstanceId()))
			.count();
		assertThat(itsMessages).isPositive();

		history.deleteHistoricProcessInstance(converting);

		JsonNode after = stats("welcome");
		assertThat(delta(before, after, "entered")).isEqualTo(-1);
		assertThat(delta(before, after, "converted")).isEqualTo(-1);
		assertThat(statusCounts(after).values().stream().mapToLong(Long::longValue).sum()
				- statusCounts(before).values().stream().mapToLong(Long::longValue).sum())
			.isEqualTo(-itsMessages);
		assertThat(after.path("converted").asLong()).isLessThanOrEqualTo(after.path("entered").asLong());
	}

	/** Instances whose job to start the activity (async before) has not run yet. */
	private Set<String> messagedAt(String activityId, Set<String> instances) {
		return messages.search("welcome", null, null, 1000, 0)
			.stream()
			.filter(message -> activityId.equals(message.step()))
			.map(MessageRecord::processInstanceId)
			.filter(instances::contains)
			.collect(Collectors.toSet());
	}

	/**
	 * An order ending the journey while its send step ran rolls the step back in the
	 * engine's history, not the message that went: the step counts as reached, so that no
	 * step shows more messages than contacts.
	 */
	@Test
	void aStepWhoseMessageWentCountsAsReachedThoughItsJobRolledBack() throws Exception {
		String instance = run(contacts.withConsent(true, false), true);
		String contactId = history.createHistoricProcessInstanceQuery()
			.processInstanceId(instance)
			.singleResult()
			.getBusinessKey();
		JsonNode before = stats("welcome");

		delivery.send(new SendRequest("stats-test/" + instance, contactId, Channel.EMAIL, "getting-started", "welcome",
				instance, "Task_SendGettingStartedEmail", null, Map.of(), MessageCategory.MARKETING));

		JsonNode after = stats("welcome");
		assertThat(stepDelta(before, after, "Task_SendGettingStartedEmail", "reached")).isEqualTo(1);
		assertThat(stepDelta(before, after, "Task_SendGettingStartedEmail", "waiting")).isZero();
	}

	private Set<String> queuedBefore(String activityId, Set<String> instances) {
		return management.createJobDefinitionQuery()
			.activityIdIn(activityId)
			.list()
			.stream()
			.filter(definition -> "async-before".equals(definition.getJobConfiguration()))
			.flatMap(definition -> management.createJobQuery().jobDefinitionId(definition.getId()).list().stream())
			.map(Job::getProcessInstanceId)
			.filter(instances::contains)
			.collect(Collectors.toSet());
	}

	/**
	 * Steps nobody reached show with 0: where contacts stop is what the funnel is for.
	 */
	@Test
	void aJourneyNobodyEnteredShowsEveryStepOfItsDiagram() throws Exception {
		String key = "stats-" + TestContacts.newId("j").toLowerCase(Locale.ROOT);
		var model = startWaitEnd(key, "StartEvent_Started", "Event_DayPassed", "EndEvent_Done");
		String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
		try {
			JsonNode funnel = stats(key).path("funnel");

			assertThat(funnel.findValuesAsText("activityId")).containsExactly("StartEvent_Started", "Event_DayPassed",
					"EndEvent_Done");
			assertThat(funnel.findValuesAsText("name")).containsExactly("Started", "A day passed", "Done");
			assertThat(funnel.findValues("reached")).allMatch(reached -> reached.asLong() == 0);
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/**
	 * A diagram written by hand has no layout: its steps read in the order of the flow.
	 */
	@Test
	void theStepsOfADiagramWithoutLayoutReadInTheOrderOfTheFlow() throws Exception {
		String key = "stats-" + TestContacts.newId("j").toLowerCase(Locale.ROOT);
		var model = startWaitEnd(key, "Z_Started", "M_DayPassed", "A_Done");
		model.<org.camunda.bpm.model.bpmn.instance.Process>getModelElementById(key)
			.builder()
			.eventSubProcess("B_AtAnyTime")
			.startEvent("B_Ordered")
			.name("Ordered")
			.message("OrderCompleted")
			.endEvent("B_Converted")
			.name("Converted");
		model.getDefinitions().getBpmDiagrams().clear();
		assertThat(Bpmn.convertToString(model)).doesNotContain("BPMNShape");
		String deployment = repository.createDeployment().addModelInstance(key + ".bpmn", model).deploy().getId();
		try {
			// the main flow, then what can happen at any time
			assertThat(stats(key).path("funnel").findValuesAsText("activityId")).containsExactly("Z_Started",
					"M_DayPassed", "A_Done", "B_Ordered", "B_Converted");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/** Started, a day passed, done: with the step ids given. */
	private static BpmnModelInstance startWaitEnd(String key, String start, String wait, String end) {
		return Bpmn.createExecutableProcess(key)
			.name("Nobody yet")
			.camundaHistoryTimeToLive(1)
			.startEvent(start)
			.name("Started")
			.intermediateCatchEvent(wait)
			.name("A day passed")
			.timerWithDuration("P1D")
			.endEvent(end)
			.name("Done")
			.done();
	}

	@Test
	void answers404ForAnUnknownJourney() throws Exception {
		mvc.perform(get("/api/journeys/no-such-journey/stats").with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound());
	}

	@Test
	void salesRepsDoNotSeeJourneyFigures() throws Exception {
		mvc.perform(get("/api/journeys/welcome/stats").with(httpBasic("sam", "sam"))).andExpect(status().isForbidden());
	}

	private Map<String, Long> recountMessages() {
		Map<String, Long> counts = new HashMap<>();
		for (MessageRecord message : messages.search("welcome", null, null, 1000, 0)) {
			if (!TestRunContacts.isTestRun(message.contactId())) {
				counts.merge(message.channel().value() + "/" + message.status().value(), 1L, Long::sum);
			}
		}
		return counts;
	}

	private static Map<String, Long> statusCounts(JsonNode stats) {
		Map<String, Long> counts = new HashMap<>();
		for (JsonNode channel : stats.path("messages")) {
			channel.path("byStatus")
				.fields()
				.forEachRemaining(status -> counts.put(channel.path("channel").asText() + "/" + status.getKey(),
						status.getValue().asLong()));
		}
		return counts;
	}

	/** Starts the welcome series and sends its first email; optionally nothing more. */
	private String run(Contact contact, boolean sendWelcome) {
		String instance = start(contact.id());
		if (sendWelcome) {
			executeJobOf(instance);
		}
		return instance;
	}

	private String start(String contactId) {
		return journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contactId, Map.of()).orElseThrow();
	}

	private void executeJobOf(String processInstanceId) {
		management.executeJob(management.createJobQuery().processInstanceId(processInstanceId).singleResult().getId());
	}

	private void order(String processInstanceId, String value) {
		String contactId = history.createHistoricProcessInstanceQuery()
			.processInstanceId(processInstanceId)
			.singleResult()
			.getBusinessKey();
		events.accept(new EventRequest(TestContacts.newId("evt"), EventType.ORDER_COMPLETED, contactId, null, null,
				Map.of("orderId", TestContacts.newId("o"), "value", new BigDecimal(value), "currency", "EUR")));
	}

	private JsonNode stats(String journey) throws Exception {
		return json.readTree(mvc.perform(get("/api/journeys/" + journey + "/stats").with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
	}

	private JsonNode find(String path, String field, String value) throws Exception {
		JsonNode list = json.readTree(mvc.perform(get(path).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse()
			.getContentAsString());
		for (JsonNode item : list) {
			if (item.path(field).asText().equals(value)) {
				return item;
			}
		}
		throw new AssertionError("no " + field + " " + value + " in " + list);
	}

	private static long delta(JsonNode before, JsonNode after, String field) {
		return after.path(field).asLong() - before.path(field).asLong();
	}

	private static long channelDelta(JsonNode before, JsonNode after, String path) {
		return email(after).at(path).asLong() - email(before).at(path).asLong();
	}

	private static JsonNode email(JsonNode stats) {
		for (JsonNode channel : stats.path("messages")) {
			if (channel.path("channel").asText().equals("email")) {
				return channel;
			}
		}
		return MissingNode.getInstance();
	}

	private static long stepDelta(JsonNode before, JsonNode after, String activityId, String field) {
		return step(after, activityId).path(field).asLong() - step(before, activityId).path(field).asLong();
	}

	private static JsonNode step(JsonNode stats, String activityId) {
		for (JsonNode step : stats.path("funnel")) {
			if (step.path("activityId").asText().equals(activityId)) {
				return step;
			}
		}
		return MissingNode.getInstance();
	}

}
