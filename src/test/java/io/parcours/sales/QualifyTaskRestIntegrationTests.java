package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.contact.ContactService;
import io.parcours.scoring.LeadScoring;
import io.parcours.scoring.ScoreChange;
import io.parcours.scoring.TestLeads;

import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.history.HistoricVariableUpdate;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A sales rep completing "Qualify hot lead" through the engine REST API, as Tasklist
 * does: a decision the journey cannot follow is a 400 with a readable message, and the
 * task stays open.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class QualifyTaskRestIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@Autowired
	TestLeads leads;

	@Autowired
	TaskService tasks;

	@Autowired
	RuntimeService runtime;

	@Autowired
	RepositoryService repository;

	@Autowired
	HistoryService history;

	@Autowired
	ContactService contacts;

	@Autowired
	LeadScoring scoring;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	IdentityService identity;

	@Autowired
	QualifyTasks qualifyTasks;

	@Autowired
	FilterService filters;

	@Test
	void anUnknownOrMissingDecisionIsRefusedWith400(CapturedOutput output) {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();

		ResponseEntity<String> unknown = complete(qualify, "{\"variables\": {\"decision\": {\"value\": \"maybe\"}}}");
		ResponseEntity<String> missing = complete(qualify, "{\"variables\": {}}");

		assertThat(unknown.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknown.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(unknown.getBody()).contains("\"field\":\"variables.decision\"", "decision 'maybe' is unknown",
				"accept, recycle, disqualify");
		assertThat(missing.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(missing.getBody()).contains("decision is missing");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
		assertThat(output.getAll()).as("a client's mistake is no error in our log").doesNotContain("ENGINE-16004");

		ResponseEntity<String> noReason = complete(qualify,
				"{\"variables\": {\"decision\": {\"value\": \"disqualify\"}}}");
		assertThat(noReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noReason.getBody()).contains("reason is missing");

		ResponseEntity<String> numberForReason = complete(qualify,
				"{\"variables\": {\"decision\": {\"value\": \"accept\"},"
						+ " \"reason\": {\"value\": 4242, \"type\": \"Long\"}}}");
		ResponseEntity<String> flagForNotes = complete(qualify,
				"{\"variables\": {\"decision\": {\"value\": \"accept\"}, \"reason\": {\"value\": \"ok\"},"
						+ " \"notes\": {\"value\": true, \"type\": \"Boolean\"}}}");
		assertThat(numberForReason.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(numberForReason.getBody()).contains("\"field\":\"variables.reason\"",
				"is a text field of the form: give it as a String, not Long");
		assertThat(flagForNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(flagForNotes.getBody()).contains("\"field\":\"variables.notes\"", "not Boolean");
		ResponseEntity<String> objectForDecision = complete(qualify,
				"{\"variables\": {\"decision\": {\"value\": \"\\\"recycle\\\"\", \"type\": \"Object\","
						+ " \"valueInfo\": {\"objectTypeName\": \"java.lang.String\","
						+ " \"serializationDataFormat\": \"application/json\"}}}}");
		ResponseEntity<String> jsonForNotes = complete(qualify,
				"{\"variables\": {\"decision\": {\"value\": \"accept\"},"
						+ " \"reason\": {\"value\": \"ok\"}, \"notes\": {\"value\": \"{}\", \"type\": \"Json\"}}}");
		assertThat(objectForDecision.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(objectForDecision.getBody()).contains("variables.decision", "not Object");
		assertThat(jsonForNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(jsonForNotes.getBody()).contains("variables.notes", "not Json");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();

		String disqualify = "{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"student\"}}}";
		assertThat(complete(qualify, disqualify).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		// decided already (another tab, another rep), or no such task: no 500, nothing in
		// the log
		for (String path : List.of(qualify.getId() + "/complete", qualify.getId() + "/submit-form",
				"no-such-task/complete")) {
			ResponseEntity<String> again = rest.postForEntity("/engine-rest/task/" + path, json(disqualify, "demo"),
					String.class);
			assertThat(again.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(again.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(again.getBody()).contains("There is no open task", "\"field\":\"taskId\"");
		}
		assertThat(output.getAll()).doesNotContain("ENGINE-16004", "NullPointerException");
	}

	/**
	 * A text longer than the engine's column is refused by name before the database,
	 * whose error would quote the text (notes about a person) into the log.
	 */
	@Test
	void aTextLongerThanTheEngineHoldsIsRefusedWithoutReachingTheLog(CapturedOutput output) {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String notes = "met long.notes@example.com " + "x".repeat(4000);

		ResponseEntity<String> put = put(qualify, "variables/notes",
				"{\"value\": \"" + notes + "\", \"type\": \"String\"}", "sam");
		ResponseEntity<String> completed = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"accept\"},"
						+ " \"reason\": {\"value\": \"ok\"}, \"notes\": {\"value\": \"" + notes + "\"}}}");

		ResponseEntity<String> local = put(qualify, "localVariables/notes", "{\"value\": \"" + notes + "\"}", "sam");
		ResponseEntity<String> described = rest.withBasicAuth("sam", "sam")
			.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.PUT,
					json("{\"name\": \"Qualify hot lead\", \"description\": \"" + notes + "\"}", "sam"), String.class);

		for (ResponseEntity<String> refused : List.of(put, completed)) {
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getBody()).contains("variables.notes", "longer than 4000");
		}
		ResponseEntity<String> query = rest.withBasicAuth("demo", "demo")
			.postForEntity("/engine-rest/process-instance",
					json("{\"variables\": [{\"name\": \"notes\", \"operator\": \"eq\", \"value\": \"" + notes + "\"}]}",
							"demo"),
					String.class);
		assertThat(query.getStatusCode()).as("a query writes nothing").isEqualTo(HttpStatus.OK);
		assertThat(local.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(local.getBody()).contains("variables.notes", "longer than 4000");
		assertThat(described.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(described.getBody()).contains("description", "longer than 4000");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
		assertThat(output.getAll()).doesNotContain("long.notes@example.com");
	}

	/** The same for the engine's name columns: an assignee, a task's name, a profile. */
	@Test
	void aNameLongerThanTheEngineHoldsIsRefusedWithoutReachingTheLog(CapturedOutput output) {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String name = "jane.doe.long@example.com" + "A".repeat(300);

		ResponseEntity<String> assignee = rest.withBasicAuth("sam", "sam")
			.postForEntity("/engine-rest/task/" + qualify.getId() + "/assignee",
					json("{\"userId\": \"" + name + "\"}", "sam"), String.class);
		ResponseEntity<String> link = rest.withBasicAuth("sam", "sam")
			.postForEntity("/engine-rest/task/" + qualify.getId() + "/identity-links",
					json("{\"userId\": \"" + name + "\", \"type\": \"candidate\"}", "sam"), String.class);
		ResponseEntity<String> renamed = rest.withBasicAuth("sam", "sam")
			.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.PUT,
					json("{\"name\": \"" + name + "\"}", "sam"), String.class);
		ResponseEntity<String> profile = rest.withBasicAuth("sam", "sam")
			.exchange("/engine-rest/user/sam/profile", HttpMethod.PUT,
					json("{\"id\": \"sam\", \"firstName\": \"" + name + "\"}", "sam"), String.class);

		assertThat(assignee.getBody()).contains("userId", "longer than 255");
		assertThat(link.getBody()).contains("userId", "longer than 255");
		assertThat(renamed.getBody()).contains("name", "longer than 255");
		assertThat(profile.getBody()).contains("firstName", "longer than 255");
		for (ResponseEntity<String> refused : List.of(assignee, link, renamed, profile)) {
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		}
		assertThat(output.getAll()).doesNotContain("jane.doe.long@example.com");
	}

	/**
	 * Nobody learns anything about a task, even that a text is too long, before logging
	 * in.
	 */
	@Test
	void aStrangerWritingThroughTheWebappsIsRefusedBeforeTheTextIsChecked() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "DE");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String body = "{\"variables\": {\"notes\": {\"value\": \"" + "x".repeat(4001) + "\"}}}";

		for (String path : List.of("/camunda/api/engine/engine/default/task/" + qualify.getId() + "/submit-form",
				"/engine-rest/task/" + qualify.getId() + "/submit-form")) {
			HttpHeaders headers = new HttpHeaders();
			headers.setContentType(MediaType.APPLICATION_JSON);
			ResponseEntity<String> stranger = rest.exchange(path, HttpMethod.POST, new HttpEntity<>(body, headers),
					String.class);
			assertThat(stranger.getStatusCode()).as(path).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
		}
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
	}

	/**
	 * Tasklist's own calls, with its log-in, get the same checks as the engine REST API.
	 */
	@Test
	void tasklistCallsAreCheckedLikeTheEngineRestApi() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "DE");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		HttpHeaders tasklist = tasklistSession("sam", "sam");
		tasklist.setContentType(MediaType.APPLICATION_JSON);
		String path = "/camunda/api/engine/engine/default/task/" + qualify.getId() + "/submit-form";

		ResponseEntity<String> foreignField = rest.exchange(path, HttpMethod.POST,
				new HttpEntity<>(
						"{\"variables\": {\"decision\": {\"value\": \"accept\"}, \"contactId\": {\"value\": \"x\"}}}",
						tasklist),
				String.class);
		ResponseEntity<String> longNotes = rest.exchange(path, HttpMethod.POST,
				new HttpEntity<>("{\"variables\": {\"notes\": {\"value\": \"" + "x".repeat(4001) + "\"}}}", tasklist),
				String.class);

		assertThat(foreignField.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(foreignField.getBody()).contains("variables.contactId");
		assertThat(longNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(longNotes.getBody()).contains("variables.notes", "longer than 4000");
		ResponseEntity<String> noDecision = rest.exchange(path, HttpMethod.POST,
				new HttpEntity<>("{\"variables\": {\"reason\": {\"value\": \"x\"}}}", tasklist), String.class);
		assertThat(noDecision.getStatusCode()).as(noDecision.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(noDecision.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(noDecision.getBody()).contains("\"field\":\"variables.decision\"", "decision is missing");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
	}

	/**
	 * The engine checked comments against the task's history, which marketing reads for
	 * every journey and sales for none.
	 */
	@Test
	void aTasksCommentsAreForThoseWhoSeeTheTask() {
		ProcessInstance lead = handedToSalesOnItsDemoRequest();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String comments = "/engine-rest/task/" + qualify.getId() + "/comment";

		ResponseEntity<String> byMarketing = post(qualify, "comment/create", "{\"message\": \"mia was here\"}", "mia");
		ResponseEntity<String> readByMarketing = rest.exchange(comments, HttpMethod.GET, json(null, "mia"),
				String.class);
		ResponseEntity<String> byTheRep = post(qualify, "comment/create", "{\"message\": \"called, no answer\"}",
				"sam");
		ResponseEntity<String> empty = post(qualify, "comment/create", "{\"message\": \" \"}", "sam");
		ResponseEntity<String> notJson = post(qualify, "comment/create", "hello there", "sam");
		HttpHeaders tasklist = tasklistSession("sam", "sam");
		ResponseEntity<String> readInTasklist = rest.exchange(
				"/camunda/api/engine/engine/default/task/" + qualify.getId() + "/comment", HttpMethod.GET,
				new HttpEntity<>(tasklist), String.class);
		ResponseEntity<String> readByOps = rest.exchange(comments, HttpMethod.GET, json(null, "demo"), String.class);

		assertThat(byMarketing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(readByMarketing.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(byTheRep.getStatusCode()).as(byTheRep.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(byTheRep.getBody()).contains("\"userId\":\"sam\"", "called, no answer");
		assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(notJson.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(notJson.getBody()).contains("\"field\":\"body\"", "not valid JSON");
		assertThat(readInTasklist.getStatusCode()).as(readInTasklist.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(readInTasklist.getBody()).contains("called, no answer").doesNotContain("mia was here");
		assertThat(readByOps.getBody()).contains("called, no answer");
		// Tasklist shows a failed call's message
		assertThat(byMarketing.getBody()).contains("\"message\":\"No open task");
		assertThat(tasks.getTaskComments(qualify.getId())).hasSize(1);

		// nor through the journey: a marketer reads no rep's notes there, nor deletes
		// them
		String journeyComments = "/engine-rest/process-instance/" + lead.getId() + "/comment";
		ResponseEntity<String> journeyByMarketing = rest.exchange(journeyComments, HttpMethod.GET, json(null, "mia"),
				String.class);
		ResponseEntity<String> deletedByMarketing = rest.exchange(journeyComments, HttpMethod.DELETE, json(null, "mia"),
				String.class);
		ResponseEntity<String> journeyByTheRep = rest.exchange(journeyComments, HttpMethod.GET, json(null, "sam"),
				String.class);
		ResponseEntity<String> journeyByOps = rest.exchange(journeyComments, HttpMethod.GET, json(null, "demo"),
				String.class);
		assertThat(journeyByMarketing.getStatusCode()).as(journeyByMarketing.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(journeyByMarketing.getBody()).isEqualTo("[]");
		assertThat(deletedByMarketing.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(journeyByTheRep.getBody()).contains("called, no answer");
		assertThat(journeyByOps.getBody()).contains("called, no answer");
		assertThat(tasks.getTaskComments(qualify.getId())).hasSize(1);

		// ops' own notes on the task are the journey's too
		assertThat(post(qualify, "comment/create", "{\"message\": \"ops checked the lead\"}", "demo").getStatusCode())
			.isEqualTo(HttpStatus.OK);
		assertThat(rest.exchange(journeyComments, HttpMethod.GET, json(null, "demo"), String.class).getBody())
			.contains("called, no answer", "ops checked the lead");
		assertThat(rest.exchange(journeyComments, HttpMethod.GET, json(null, "sam"), String.class).getBody())
			.contains("ops checked the lead");
	}

	/**
	 * A routing table naming a marketer as the rep: she could not complete the task, and
	 * the sales group would never hear of it. The lead goes to the group.
	 */
	@Test
	void aRepWhoMayNotDecideLeadsIsPassedOverForTheGroup() throws Exception {
		String routing = Files.readString(Path.of("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8)
			.replace("<outputEntry id=\"Rep_Everyone\"><text></text></outputEntry>",
					"<outputEntry id=\"Rep_Everyone\"><text>\"mia\"</text></outputEntry>");
		assertThat(routing).contains("<text>\"mia\"</text>");
		String deployment = repository.createDeployment()
			.addString("lead-routing.dmn", routing)
			.name("routing to a marketer")
			.deploy()
			.getId();
		try {
			ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "DE");
			leads.activity(lead, "demo_requested", Instant.now());

			Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
			assertThat(qualify.getAssignee()).isNull();
			assertThat(tasks.getIdentityLinksForTask(qualify.getId())).extracting(link -> link.getGroupId())
				.contains("sales");
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
	}

	/** Logs in to Tasklist as the browser does: its session cookie and CSRF token. */
	/**
	 * The form links the lead's contact: the link opens within the rep's Tasklist log-in,
	 * for reading only, and only what the rep may read.
	 */
	@Test
	void theContactLinkOfTheFormOpensWithinTheTasklistLogIn() throws Exception {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "FR");
		leads.activity(lead, "demo_requested", Instant.now());
		ProcessInstance other = leads.create("Developer", 20, "Agriculture", "FR");
		HttpHeaders tasklist = tasklistSession("sam", "sam");

		ResponseEntity<String> notHis = rest.exchange("/api/contacts/" + other.getBusinessKey(), HttpMethod.GET,
				new HttpEntity<>(tasklist), String.class);
		ResponseEntity<String> own = rest.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.GET,
				new HttpEntity<>(tasklist), String.class);
		ResponseEntity<String> write = rest.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.DELETE,
				new HttpEntity<>(tasklist), String.class);
		ResponseEntity<String> noSession = rest.getForEntity("/api/contacts/" + lead.getBusinessKey(), String.class);

		assertThat(own.getStatusCode()).as(own.getBody()).isEqualTo(HttpStatus.OK);
		assertThat(own.getBody()).contains(lead.getBusinessKey(), "leadScore");
		assertThat(notHis.getStatusCode()).as(notHis.getBody() + notHis.getHeaders()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(write.getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
		assertThat(noSession.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(contacts.find(lead.getBusinessKey())).isPresent();
		ResponseEntity<String> head = rest.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.HEAD,
				new HttpEntity<>(tasklist), String.class);
		assertThat(head.getStatusCode()).as("HEAD as GET").isEqualTo(HttpStatus.OK);

		// each read is made for that request alone: the session holds no log-in of the
		// API or the dashboard afterwards, and logging out of Tasklist ends it
		HttpHeaders ops = tasklistSession("demo", "demo");
		assertThat(rest
			.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.GET, new HttpEntity<>(ops), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		String csrfToken = com.jayway.jsonpath.JsonPath.read(
				rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(ops), String.class).getBody(), "$.csrfToken");
		HttpHeaders withToken = new HttpHeaders();
		withToken.putAll(ops);
		withToken.set("X-CSRF-TOKEN", csrfToken);
		HttpHeaders dashboard = new HttpHeaders();
		dashboard.put(HttpHeaders.COOKIE, ops.get(HttpHeaders.COOKIE));
		dashboard.setAccept(List.of(MediaType.APPLICATION_JSON));
		assertThat(
				rest.exchange("/index.html", HttpMethod.GET, new HttpEntity<>(dashboard), String.class).getStatusCode())
			.as("no dashboard log-in")
			.isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FOUND);
		assertThat(rest
			.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.DELETE, new HttpEntity<>(write),
					String.class)
			.getStatusCode()).isIn(HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN);
		assertThat(rest
			.exchange("/camunda/api/admin/auth/user/default/logout", HttpMethod.POST, new HttpEntity<>(tasklist),
					String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(rest
			.exchange("/api/contacts/" + lead.getBusinessKey(), HttpMethod.GET, new HttpEntity<>(tasklist),
					String.class)
			.getStatusCode()).as("logged out of Tasklist").isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(contacts.find(lead.getBusinessKey())).isPresent();
	}

	/**
	 * A comment is written by Parcours, not behind Camunda's CSRF filter: a page of
	 * another site posting in the rep's session (a plain-text form, or JSON without the
	 * webapps' token) writes nothing.
	 */
	@Test
	void aForgedCommentIsRefusedAndWritesNothing() {
		Task qualify = tasks.createTaskQuery()
			.processInstanceId(handedToSalesOnItsDemoRequest().getId())
			.singleResult();
		String create = "/camunda/api/engine/engine/default/task/" + qualify.getId() + "/comment/create";
		HttpHeaders session = tasklistSession("sam", "sam");

		HttpHeaders withoutToken = new HttpHeaders();
		withoutToken.put(HttpHeaders.COOKIE, session.get(HttpHeaders.COOKIE));
		withoutToken.setContentType(MediaType.APPLICATION_JSON);
		ResponseEntity<String> noToken = rest.exchange(create, HttpMethod.POST,
				new HttpEntity<>("{\"message\": \"forged\"}", withoutToken), String.class);
		HttpHeaders plainText = new HttpHeaders();
		plainText.putAll(session);
		plainText.setContentType(MediaType.TEXT_PLAIN);
		ResponseEntity<String> asText = rest.exchange(create, HttpMethod.POST,
				new HttpEntity<>("{\"message\": \"forged\"}", plainText), String.class);
		HttpHeaders basicAsText = new HttpHeaders();
		basicAsText.setBasicAuth("sam", "sam");
		basicAsText.setContentType(MediaType.TEXT_PLAIN);
		ResponseEntity<String> engineRestAsText = rest.exchange(
				"/engine-rest/task/" + qualify.getId() + "/comment/create", HttpMethod.POST,
				new HttpEntity<>("{\"message\": \"forged\"}", basicAsText), String.class);

		assertThat(noToken.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(asText.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(engineRestAsText.getStatusCode()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
		assertThat(tasks.getTaskComments(qualify.getId())).isEmpty();

		HttpHeaders inTasklist = new HttpHeaders();
		inTasklist.putAll(session);
		inTasklist.setContentType(MediaType.APPLICATION_JSON);
		assertThat(rest
			.exchange(create, HttpMethod.POST, new HttpEntity<>("{\"message\": \"called\"}", inTasklist), String.class)
			.getStatusCode()).as("Tasklist's own call").isEqualTo(HttpStatus.OK);
		assertThat(tasks.getTaskComments(qualify.getId())).singleElement()
			.extracting(comment -> comment.getFullMessage())
			.isEqualTo("called");
	}

	/** A lead handed to the sales group (sam's team) on its demo request. */
	private ProcessInstance handedToSalesOnItsDemoRequest() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "DE");
		leads.activity(lead, "demo_requested", Instant.now());
		return lead;
	}

	private HttpHeaders tasklistSession(String user, String password) {
		ResponseEntity<String> page = rest.getForEntity("/camunda/app/tasklist/default/", String.class);
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.put(HttpHeaders.COOKIE, cookiesOf(page));
		headers.set("X-XSRF-TOKEN", page.getHeaders().getFirst("X-XSRF-TOKEN"));
		ResponseEntity<String> login = rest.exchange("/camunda/api/admin/auth/user/default/login/tasklist",
				HttpMethod.POST, new HttpEntity<>("username=" + user + "&password=" + password, headers), String.class);
		assertThat(login.getStatusCode()).isEqualTo(HttpStatus.OK);
		HttpHeaders session = new HttpHeaders();
		session.put(HttpHeaders.COOKIE, cookiesOf(login));
		// the log-in starts a new session, whose token the next read hands out, as to the
		// browser
		ResponseEntity<String> read = rest.exchange("/camunda/api/engine/engine/", HttpMethod.GET,
				new HttpEntity<>(session), String.class);
		String token = read.getHeaders().getFirst("X-XSRF-TOKEN");
		session.set("X-XSRF-TOKEN", token != null ? token : login.getHeaders().getFirst("X-XSRF-TOKEN"));
		return session;
	}

	private static List<String> cookiesOf(ResponseEntity<String> response) {
		return response.getHeaders().get(HttpHeaders.SET_COOKIE).stream().map(cookie -> cookie.split(";")[0]).toList();
	}

	/**
	 * The form's fields written on the task itself (its local variables): the submission
	 * updates them, and the journey decides on what was submitted.
	 */
	@Test
	void theFormsFieldsWrittenOnTheTaskItselfDecideAsSubmitted() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(put(qualify, "localVariables/decision", "{\"value\": \"accept\", \"type\": \"String\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);

		ResponseEntity<String> submitted = rest.postForEntity("/engine-rest/task/" + qualify.getId() + "/submit-form",
				json("{\"variables\": {\"decision\": {\"value\": \"disqualify\", \"type\": \"String\"},"
						+ " \"reason\": {\"value\": \"not a fit\", \"type\": \"String\"}}}", "sam"),
				String.class);

		assertThat(submitted.getStatusCode()).as(submitted.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(history.createHistoricVariableInstanceQuery()
			.processInstanceId(lead.getId())
			.variableName("decision")
			.list()).extracting(variable -> variable.getValue()).containsExactly("disqualify");
	}

	/**
	 * A draft written on the task itself never decides: not in place of what a completion
	 * gives (an unknown decision even), nor of what it leaves out, through
	 * {@code complete} or {@code submit-form}.
	 */
	@Test
	void aCompletionDecidesWhatItGivesNotTheDraftOnTheTask() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(put(qualify, "localVariables/decision", "{\"value\": \"maybe\", \"type\": \"String\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(put(qualify, "localVariables/notes", "{\"value\": \"draft: unsure\", \"type\": \"String\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(complete(qualify, "sam", "{\"variables\": {\"reason\": {\"value\": \"fits\"}}}").getBody())
			.contains("decision is missing");
		assertThat(put(qualify, "localVariables/decision", "{\"value\": \"accept\", \"type\": \"String\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(put(qualify, "localVariables/reason", "{\"value\": \"draft\", \"type\": \"String\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		for (String call : List.of("complete", "submit-form")) {
			ResponseEntity<String> nothingGiven = rest.postForEntity(
					"/engine-rest/task/" + qualify.getId() + "/" + call, json("{\"variables\": {}}", "sam"),
					String.class);
			assertThat(nothingGiven.getStatusCode()).as(call).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(nothingGiven.getBody()).as(call).contains("decision is missing");
		}
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).as("still open, drafts kept").isOne();
		assertThat(tasks.getVariableLocal(qualify.getId(), "decision")).isEqualTo("accept");

		ResponseEntity<String> completed = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"no budget\"},"
						+ " \"notes\": {\"value\": \"final: no budget this year\"}}}");

		assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(decidedIn(lead)).containsEntry("decision", "disqualify")
			.containsEntry("reason", "no budget")
			.containsEntry("notes", "final: no budget this year");
	}

	/**
	 * Written through the task's {@code /variables} or a {@code /resolve}, a draft lands
	 * on the journey, where the task reads its variables too: it decides nothing either,
	 * and a completion's notes are its own.
	 */
	@Test
	void aDraftWrittenOnTheJourneyThroughTheTaskDecidesNothing() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(put(qualify, "variables/decision", "{\"value\": \"disqualify\"}", "sam").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(post(qualify, "variables",
				"{\"modifications\": {\"reason\": {\"value\": \"draft reason\"},"
						+ " \"notes\": {\"value\": \"draft notes\"}}}",
				"sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(
				complete(qualify, "sam", "{\"variables\": {\"reason\": {\"value\": \"no decision here\"}}}").getBody())
			.contains("decision is missing");
		assertThat(complete(qualify, "sam", "{\"variables\": {\"decision\": {\"value\": \"accept\"}}}").getBody())
			.contains("reason is missing");
		assertThat(post(qualify, "resolve", "{\"variables\": {\"decision\": {\"value\": \"accept\"}}}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(complete(qualify, "sam", "{\"variables\": {\"reason\": {\"value\": \"only a reason\"}}}").getBody())
			.contains("decision is missing");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).as("still open").isOne();

		ResponseEntity<String> completed = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"recycle\"}, \"reason\": {\"value\": \"too early\"}}}");

		assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(decidedIn(lead)).containsEntry("decision", "recycle")
			.containsEntry("reason", "too early")
			.doesNotContainKey("notes");
	}

	/**
	 * A draft on the journey and another on the task's own execution (the one its
	 * escalation timer needs), as ops can write them: the completion decides, with what
	 * it gives, and nothing else.
	 */
	@Test
	void draftsOnEveryScopeOfTheTaskDecideNothing() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(qualify.getExecutionId()).as("the task runs in a scope of its own").isNotEqualTo(lead.getId());
		runtime.setVariable(lead.getId(), "decision", "accept");
		runtime.setVariableLocal(qualify.getExecutionId(), "decision", "accept");

		assertThat(complete(qualify, "sam", "{\"variables\": {\"reason\": {\"value\": \"partial\"}}}").getBody())
			.contains("decision is missing");
		ResponseEntity<String> completed = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"no fit\"}}}");

		assertThat(completed.getStatusCode()).as(completed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(lead.getId())
			.activityId("Task_MarkDisqualified")
			.count()).isOne();
		assertThat(history.createHistoricActivityInstanceQuery()
			.processInstanceId(lead.getId())
			.activityId("Task_PushToCrm")
			.count()).isZero();
		assertThat(decidedIn(lead)).containsEntry("decision", "disqualify");
	}

	/**
	 * The engine would answer a value it cannot convert, and a journey's task deleted, in
	 * its own format (a 500 for the deletion), naming nothing.
	 */
	@Test
	void aDecisionOfAnotherTypeAndADeletedTaskAreProblemsNamingTheField() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();

		ResponseEntity<String> typed = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"accept\", \"type\": \"Integer\"},"
						+ " \"reason\": {\"value\": \"x\", \"type\": \"string\"}}}");
		ResponseEntity<String> deleted = rest.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.DELETE,
				json("", "demo"), String.class);

		assertThat(typed.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(typed.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(typed.getBody()).contains("\"field\":\"variables.decision\"",
				"is a text field of the form: give it as a String, not Integer");
		assertThat(deleted.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(deleted.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(deleted.getBody()).contains("\"field\":\"taskId\"", "not deleted");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
	}

	@Test
	void aRepCanOnlySetTheFieldsOfTheForm() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(qualify.getAssignee()).isEqualTo("sam");

		ResponseEntity<String> tampered = complete(qualify, "sam",
				"{\"variables\": {" + "\"decision\": {\"value\": \"accept\"}, \"reason\": {\"value\": \"ok\"},"
						+ "\"contactId\": {\"value\": \"shop-777\"}, \"company\": {\"value\": \"Tampered\"}}}");
		ResponseEntity<String> variable = put(qualify, "variables/contactId", "{\"value\": \"shop-777\"}", "sam");
		ResponseEntity<String> modification = post(qualify, "variables",
				"{\"modifications\": {\"leadScore\": {\"value\": 500}}}", "sam");
		ResponseEntity<String> localVariable = put(qualify, "localVariables/leadScore",
				"{\"value\": 999, \"type\": \"Integer\"}", "sam");
		ResponseEntity<String> localModification = post(qualify, "localVariables",
				"{\"modifications\": {\"salesRep\": {\"value\": \"mia\"}}}", "sam");

		ResponseEntity<String> twice = complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"accept\"},"
						+ "\"reason\": {\"value\": \"ok\"}}, \"variables\": {\"contactId\": {\"value\": \"shop-777\"}}}");
		assertThat(twice.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(twice.getBody()).contains("each key once");
		ResponseEntity<String> error = post(qualify, "bpmnError",
				"{\"errorCode\": \"x\", \"variables\": {\"contactId\": {\"value\": \"shop-777\"}}}", "sam");
		ResponseEntity<String> uncaught = post(qualify, "bpmnError", "{\"errorCode\": \"x\"}", "sam");
		assertThat(uncaught.getStatusCode()).as("an error nothing catches ends nothing")
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(uncaught.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(uncaught.getBody()).contains("\"field\":\"errorCode\"", "No step of the journey catches");
		ResponseEntity<String> uncaughtEscalation = post(qualify, "bpmnEscalation", "{\"escalationCode\": \"x\"}",
				"sam");
		assertThat(uncaughtEscalation.getStatusCode()).as(uncaughtEscalation.getBody())
			.isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(uncaughtEscalation.getBody()).contains("\"field\":\"escalationCode\"");
		String encodedId = "%" + Integer.toHexString(qualify.getId().charAt(0)) + qualify.getId().substring(1);
		ResponseEntity<String> encoded = rest.exchange(
				URI.create(rest.getRootUri() + "/engine-rest/task/" + encodedId + "/variables"), HttpMethod.POST,
				json("{\"modifications\": {\"company\": {\"value\": \"Evil\"}}}", "sam"), String.class);
		for (ResponseEntity<String> refused : List.of(tampered, variable, modification, localVariable,
				localModification, error, encoded)) {
			assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getBody()).contains("is not a field of the task's form", "decision, reason, notes");
		}
		assertThat(tampered.getBody()).contains("variables.contactId", "variables.company");
		HttpHeaders multipart = new HttpHeaders();
		multipart.setBasicAuth("sam", "sam");
		multipart.setContentType(MediaType.MULTIPART_FORM_DATA);
		var file = new LinkedMultiValueMap<String, Object>();
		file.add("data", new ByteArrayResource("private note".getBytes(StandardCharsets.UTF_8)) {
			@Override
			public String getFilename() {
				return "notes.txt";
			}
		});
		ResponseEntity<String> fileForNotes = rest.postForEntity(
				"/engine-rest/task/" + qualify.getId() + "/variables/notes/data", new HttpEntity<>(file, multipart),
				String.class);
		assertThat(fileForNotes.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(fileForNotes.getBody()).contains("variables.notes", "not File");
		assertThat(tasks.getVariable(qualify.getId(), "notes")).isNull();
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
		assertThat(runtime.getVariable(lead.getId(), "contactId")).isEqualTo(lead.getBusinessKey());
		assertThat(runtime.getVariable(lead.getId(), "company")).isNotEqualTo("Tampered");
		assertThat(tasks.getVariablesLocal(qualify.getId())).doesNotContainKeys("leadScore", "salesRep");

		assertThat(complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"recycle\"},"
						+ "\"reason\": {\"value\": \"too early\"}, \"notes\": {\"value\": \"private note\"}}}")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(runtime.getVariable(lead.getId(), "qualifiedBy")).isEqualTo("sam");

		leads.activity(lead, "demo_requested", Instant.now().plusSeconds(1));
		Task again = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(again.getId()).isNotEqualTo(qualify.getId());
		assertThat(runtime.getVariables(lead.getId())).as("the earlier answers do not carry over")
			.doesNotContainKeys("decision", "reason", "notes", "qualifiedBy");
		assertThat(complete(again, "sam", "{\"variables\": {}}").getBody()).contains("decision is missing");
	}

	/**
	 * Whether the task exists, and of which journey, is no business of who may not see
	 * it.
	 */
	/**
	 * The rep holding the task cannot share it with marketing, nor hand it to a marketer:
	 * they would read the lead and could take it from the team. Sales and ops can take
	 * it.
	 */
	@Test
	void aQualifyTaskGoesOnlyToThoseWhoDecideLeads() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String withMarketing = "{\"groupId\": \"marketing\", \"type\": \"candidate\"}";

		for (String[] call : List.of(new String[] { "identity-links", withMarketing },
				new String[] { "identity-links", "{\"userId\": \"mia\", \"type\": \"candidate\"}" },
				new String[] { "assignee", "{\"userId\": \"mia\"}" },
				new String[] { "delegate", "{\"userId\": \"mia\"}" })) {
			ResponseEntity<String> refused = post(qualify, call[0], call[1], "sam");
			assertThat(refused.getStatusCode()).as(call[0] + " " + call[1]).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(refused.getBody()).contains("cannot go to").contains("Only sales");
		}
		for (String saved : List.of("{\"name\": \"Qualify hot lead\", \"assignee\": \"mia\"}",
				"{\"name\": \"Qualify hot lead\", \"assignee\": \"sam\", \"owner\": \"mia\"}")) {
			assertThat(rest
				.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.PUT, json(saved, "sam"), String.class)
				.getStatusCode()).as(saved).isEqualTo(HttpStatus.FORBIDDEN);
		}
		assertThat(post(qualify, "identity-links", withMarketing, "demo").getStatusCode())
			.as("nor can ops share it outside sales")
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(tasks.getIdentityLinksForTask(qualify.getId()))
			.noneMatch(link -> "marketing".equals(link.getGroupId()) || "mia".equals(link.getUserId()));
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).singleResult().getAssignee()).isEqualTo("sam");
		assertThat(rest.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.GET, json("", "mia"), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);

		ResponseEntity<String> noSuchTeam = post(qualify, "identity-links",
				"{\"groupId\": \"sales-nobody\", \"type\": \"candidate\"}", "sam");
		assertThat(noSuchTeam.getStatusCode()).as("a team created later under that name would get the lead")
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(noSuchTeam.getBody()).contains("There is no group 'sales-nobody'");
		assertThat(post(qualify, "identity-links", "{\"groupId\": \"sales-managers\", \"type\": \"candidate\"}", "sam")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(post(qualify, "assignee", "{\"userId\": \"demo\"}", "sam").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void claimingATaskSomeoneElseHoldsIsAConflict() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(qualify.getAssignee()).isEqualTo("sam");

		ResponseEntity<String> claimed = post(qualify, "claim", "{\"userId\": \"demo\"}", "demo");

		assertThat(claimed.getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
		assertThat(claimed.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(claimed.getBody()).contains("Already claimed").contains("nothing was changed");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).singleResult().getAssignee()).isEqualTo("sam");
	}

	/**
	 * Rita, in sales like Sam, sees Sam's lead through the group but does not take it.
	 */
	@Test
	void aLeadARepHoldsIsHandedOnOnlyByThemAManagerOrOps() {
		if (identity.createUserQuery().userId("rita").count() == 0) {
			User rita = identity.newUser("rita");
			rita.setPassword("rita");
			identity.saveUser(rita);
			identity.createMembership("rita", "sales");
		}
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		assertThat(qualify.getAssignee()).isEqualTo("sam");

		for (String[] call : List.of(new String[] { "unclaim", "{}" },
				new String[] { "assignee", "{\"userId\": \"rita\"}" },
				new String[] { "delegate", "{\"userId\": \"rita\"}" })) {
			ResponseEntity<String> taken = post(qualify, call[0], call[1], "rita");
			assertThat(taken.getStatusCode()).as(call[0]).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(taken.getBody()).as(call[0]).contains("is held by sam");
		}
		for (String[] call : List.of(
				new String[] { "identity-links/delete", "{\"userId\": \"sam\", \"type\": \"assignee\"}" },
				new String[] { "identity-links", "{\"userId\": \"rita\", \"type\": \"owner\"}" },
				new String[] { "identity-links", "{\"userId\": \"rita\", \"type\": \"candidate\"}" },
				new String[] { "resolve", "{}" },
				new String[] { "complete",
						"{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"mine\"}}}" },
				new String[] { "identity-links/delete", "{\"groupId\": \"sales\", \"type\": \"candidate\"}" },
				new String[] { "identity-links", "{\"userId\": \"rita\", \"type\": \"ASSIGNEE\"}" },
				new String[] { "localVariables", "{\"modifications\": {\"reason\": {\"value\": \"no budget\"}}}" },
				new String[] { "variables", "{\"modifications\": {\"notes\": {\"value\": \"x\"}}}" })) {
			ResponseEntity<String> taken = post(qualify, call[0], call[1], "rita");
			assertThat(taken.getStatusCode()).as(call[0] + " " + call[1]).isEqualTo(HttpStatus.FORBIDDEN);
		}
		for (String saved : List.of("{\"name\": \"Qualify hot lead\", \"assignee\": \"rita\"}",
				"{\"name\": \"Qualify hot lead\", \"assignee\": \"sam\", \"owner\": \"rita\"}",
				"{\"name\": \"x\", \"assignee\": \"sam\"}")) {
			assertThat(rest
				.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.PUT, json(saved, "rita"), String.class)
				.getStatusCode()).as(saved).isEqualTo(HttpStatus.FORBIDDEN);
		}
		assertThat(post(qualify, "identity-links/delete", "{\"groupId\": \"sales\", \"type\": \"candidate\"}", "sam")
			.getStatusCode()).as("nor does its holder take the team off it").isEqualTo(HttpStatus.FORBIDDEN);
		Task unchanged = tasks.createTaskQuery().taskId(qualify.getId()).singleResult();
		assertThat(unchanged.getOwner()).isNull();
		assertThat(unchanged.getName()).isEqualTo("Qualify hot lead");
		assertThat(candidateGroups(qualify)).contains("sales");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).singleResult().getAssignee()).isEqualTo("sam");

		assertThat(post(qualify, "assignee", "{\"userId\": \"rita\"}", "demo").getStatusCode()).as("ops hand it on")
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(post(qualify, "unclaim", "{}", "rita").getStatusCode()).as("and its new holder gives it back")
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(post(qualify, "claim", "{\"userId\": \"sam\"}", "sam").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
	}

	/**
	 * Tasklist lists a rep's leads with their company, score and country: columns the rep
	 * may read, kept current while the task is open.
	 */
	@Test
	void theSalesFiltersListEachLeadWithItsCompanyScoreAndCountry() throws Exception {
		ProcessInstance lead = hotLead();
		String mine = filters.createFilterQuery().filterName("Sales: my leads").singleResult().getId();

		assertThat(listedColumns(mine, lead)).containsEntry("listCompany", "Acme " + lead.getBusinessKey())
			.containsEntry("listCountry", "FR")
			.containsEntry("listScore", scoring.current(lead.getBusinessKey(), Instant.now()).total());

		leads.activity(lead, "pricing_viewed", Instant.now());
		assertThat(listedColumns(mine, lead)).containsEntry("listScore",
				scoring.current(lead.getBusinessKey(), Instant.now()).total());
	}

	private Map<String, Object> listedColumns(String filter, ProcessInstance lead) throws Exception {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("sam", "sam");
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.parseMediaType("application/hal+json")));
		JsonNode list = new ObjectMapper()
			.readTree(rest.exchange("/engine-rest/filter/" + filter + "/list?firstResult=0&maxResults=100",
					HttpMethod.POST, new HttpEntity<>("{}", headers), String.class)
				.getBody());
		Map<String, Object> columns = new HashMap<>();
		for (JsonNode task : list.path("_embedded").path("task")) {
			if (task.path("processInstanceId").asText().equals(lead.getId())) {
				task.path("_embedded")
					.path("variable")
					.forEach(variable -> columns.put(variable.path("name").asText(), variable.path("value").isNumber()
							? variable.path("value").intValue() : variable.path("value").asText()));
			}
		}
		return columns;
	}

	/**
	 * An escalation adds the managers once; nobody, ops or a manager included, takes the
	 * last candidate off a task nobody holds: the hot lead would be in nobody's Tasklist.
	 */
	@Test
	void theLastCandidateOfATaskNobodyHoldsStaysOnIt() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		tasks.setAssignee(qualify.getId(), null);
		qualifyTasks.escalate(lead.getId());
		qualifyTasks.escalate(lead.getId());
		assertThat(candidateGroups(qualify)).containsExactlyInAnyOrder("sales", "sales-managers");

		assertThat(post(qualify, "identity-links/delete", "{\"groupId\": \"sales\", \"type\": \"candidate\"}", "demo")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		ResponseEntity<String> last = post(qualify, "identity-links/delete",
				"{\"groupId\": \"sales-managers\", \"type\": \"candidate\"}", "demo");

		assertThat(last.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(last.getBody()).contains("would leave it to nobody");
		assertThat(candidateGroups(qualify)).containsExactly("sales-managers");
		assertThat(post(qualify, "assignee", "{\"userId\": \"sam\"}", "demo").getStatusCode())
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(post(qualify, "identity-links/delete", "{\"groupId\": \"sales-managers\", \"type\": \"candidate\"}",
				"demo")
			.getStatusCode()).as("held by a rep, it keeps an owner").isEqualTo(HttpStatus.NO_CONTENT);
	}

	@Test
	void everyCallOnATaskTheCallerMayNotSeeAnswers404() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();

		for (String part : List.of("form", "form-variables", "variables", "identity-links", "rendered-form")) {
			ResponseEntity<String> read = rest.exchange("/engine-rest/task/" + qualify.getId() + "/" + part,
					HttpMethod.GET, json("", "mia"), String.class);
			assertThat(read.getStatusCode()).as(part).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(read.getBody()).as(part).doesNotContain("b2b-nurturing");
		}
		assertThat(post(qualify, "claim", "{\"userId\": \"mia\"}", "mia").getStatusCode())
			.isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(rest
			.exchange("/engine-rest/task/" + qualify.getId() + "/form", HttpMethod.GET, json("", "sam"), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aHotLeadRoutedToAMarketerIsStillSalesToDecide() {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		// as a routing table or a diagram changed by a marketer would hand it
		tasks.setAssignee(qualify.getId(), "mia");

		ResponseEntity<String> byMarketer = complete(qualify, "mia",
				"{\"variables\": {\"decision\": {\"value\": \"accept\"}, \"reason\": {\"value\": \"mine\"}}}");

		assertThat(byMarketer.getStatusCode()).as(byMarketer.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(byMarketer.getBody()).contains("Only sales", "mia may not");
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isOne();
		assertThat(runtime.getVariable(lead.getId(), "qualifiedBy")).isNull();

		// nor does the marketer answer for the rep who completes it
		ResponseEntity<String> put = put(qualify, "variables/decision", "{\"value\": \"accept\"}", "mia");
		ResponseEntity<String> modified = post(qualify, "variables",
				"{\"modifications\": {\"reason\": {\"value\": \"mia says\"}}}", "mia");
		tasks.setAssignee(qualify.getId(), "sam");
		tasks.delegateTask(qualify.getId(), "mia");
		ResponseEntity<String> resolved = post(qualify, "resolve",
				"{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"x\"}}}", "mia");
		for (ResponseEntity<String> refused : List.of(put, modified, resolved)) {
			assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.FORBIDDEN);
			assertThat(refused.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
			assertThat(refused.getBody()).contains("Only sales", "mia may not");
		}
		assertThat(runtime.getVariables(lead.getId())).doesNotContainKeys("decision", "reason");
		assertThat(post(qualify, "resolve", "{}", "mia").getStatusCode()).as("handing it back is no answer")
			.isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(complete(qualify, "sam",
				"{\"variables\": {\"decision\": {\"value\": \"accept\"}," + " \"reason\": {\"value\": \"fits\"}}}")
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(tasks.createTaskQuery().taskId(qualify.getId()).count()).isZero();
		assertThat(runtime.getVariable(lead.getId(), "reason")).isEqualTo("fits");
	}

	@Test
	void aFormRedeployedUnderTheShippedIdWidensNothing() throws Exception {
		ProcessInstance lead = hotLead();
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		String shipped = new String(new ClassPathResource("forms/qualify-lead.form").getInputStream().readAllBytes(),
				StandardCharsets.UTF_8);
		String widened = shipped.replaceFirst("\"components\"\\s*:\\s*\\[",
				"\"components\": [ { \"id\": \"Field_Company\", \"key\": \"company\", \"type\": \"textfield\" },");
		String unreadable = shipped.replace("\"id\"", "'id'");
		assertThat(widened).contains("Field_Company");

		String deployment = repository.createDeployment().addString("qualify-lead.form", widened).deploy().getId();
		try {
			ResponseEntity<String> write = post(qualify, "variables",
					"{\"modifications\": {\"company\": {\"value\": \"Evil\"}}}", "sam");
			assertThat(write.getStatusCode()).as(write.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		}
		finally {
			repository.deleteDeployment(deployment, true);
		}
		assertThat(runtime.getVariable(lead.getId(), "company")).isNotEqualTo("Evil");
		// a form the engine could not read is not deployed at all
		assertThatThrownBy(() -> repository.createDeployment().addString("qualify-lead.form", unreadable).deploy())
			.hasMessageContaining("'qualify-lead.form' is no well-formed Camunda Form");
	}

	/**
	 * Two tabs deciding at the same moment: one decision counts, the other is answered
	 * 409 (or 404 when it came in after), never 500, and nothing about it in the log.
	 */
	@Test
	void twoCompletionsAtTheSameMomentDecideOnce(CapturedOutput output) throws Exception {
		String decide = "{\"variables\": {\"decision\": {\"value\": \"disqualify\"}, \"reason\": {\"value\": \"student\"}}}";
		ExecutorService tabs = Executors.newFixedThreadPool(2);
		try {
			for (int round = 0; round < 5; round++) {
				ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
				leads.activity(lead, "demo_requested", Instant.now());
				Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
				CyclicBarrier together = new CyclicBarrier(2);
				Callable<Integer> tab = () -> {
					together.await();
					return complete(qualify, decide).getStatusCode().value();
				};
				List<Integer> statuses = new ArrayList<>();
				for (Future<Integer> answer : tabs.invokeAll(List.of(tab, tab))) {
					statuses.add(answer.get());
				}
				assertThat(statuses).as("round %d", round).containsOnlyOnce(204).containsAnyOf(404, 409);
				assertThat(history.createHistoricDetailQuery()
					.processInstanceId(lead.getId())
					.variableUpdates()
					.list()
					.stream()
					.filter(update -> "decision".equals(((HistoricVariableUpdate) update).getVariableName())))
					.as("one decision recorded")
					.hasSize(1);
			}
		}
		finally {
			tabs.shutdownNow();
		}
		assertThat(output.getAll()).doesNotContain("ENGINE-REST-HTTP500", "task is null");
	}

	/**
	 * A rep recycling a lead while one of its activities is being applied, which locks
	 * the contact first and then its score: the recycle takes the locks in the same
	 * order, so it waits for the activity instead of deadlocking with it; both are done.
	 */
	@Test
	void recyclingWhileAnActivityIsAppliedWaitsForItInsteadOfDeadlocking(CapturedOutput output) throws Exception {
		String recycle = "{\"variables\": {\"decision\": {\"value\": \"recycle\"}, \"reason\": {\"value\": \"later\"}}}";
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		// the rep's first call, as Tasklist opens the task: the completion then starts at
		// once
		assertThat(
				rest.exchange("/engine-rest/task/" + qualify.getId(), HttpMethod.GET, json(null, "demo"), String.class)
					.getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ExecutorService rep = Executors.newSingleThreadExecutor();
		try {
			Future<ResponseEntity<String>> recycled = new TransactionTemplate(transactions).execute(tx -> {
				// as lead.activity does: the contact first, then (the journey's step) the
				// score
				contacts.lock(lead.getBusinessKey());
				Future<ResponseEntity<String>> completion = rep.submit(() -> complete(qualify, recycle));
				sleep(Duration.ofSeconds(2));
				scoring.addActivity(lead.getBusinessKey(), "page_viewed", "test:" + lead.getId(), Instant.now());
				return completion;
			});

			ResponseEntity<String> answer = recycled.get();
			assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		}
		finally {
			rep.shutdownNow();
		}
		assertThat(scoring.history(lead.getBusinessKey(), 10)).extracting(ScoreChange::kind)
			.contains(ScoreChange.Kind.RECYCLE, ScoreChange.Kind.ACTIVITY);
		assertThat(output.getAll()).doesNotContain("Deadlock", "ENGINE-REST-HTTP500");
	}

	/**
	 * Activities pouring in while the rep decides: the decision waits its turn behind
	 * them (the contact locked first) instead of losing to them as "decided meanwhile".
	 */
	@Test
	void aDecisionWhileActivitiesPourInIsTakenNotRefused() throws Exception {
		String recycle = "{\"variables\": {\"decision\": {\"value\": \"recycle\"}, \"reason\": {\"value\": \"later\"}}}";
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "US");
		leads.activity(lead, "demo_requested", Instant.now());
		Task qualify = tasks.createTaskQuery().processInstanceId(lead.getId()).singleResult();
		ExecutorService senders = Executors.newFixedThreadPool(3);
		AtomicBoolean deciding = new AtomicBoolean(true);
		try {
			for (int sender = 0; sender < 3; sender++) {
				senders.submit(() -> {
					while (deciding.get()) {
						leads.activity(lead, "page_viewed", Instant.now());
					}
					return null;
				});
			}
			sleep(Duration.ofMillis(300));

			ResponseEntity<String> answer = complete(qualify, recycle);

			assertThat(answer.getStatusCode()).as(answer.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
		}
		finally {
			deciding.set(false);
			senders.shutdown();
			senders.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS);
		}
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(e);
		}
	}

	/** A lead who asked for a demo: its "Qualify hot lead" task is sam's. */
	/**
	 * The decision's fields on the journey, as its history keeps them (a field written
	 * twice shows both values, joined by " | ").
	 */
	private Map<String, Object> decidedIn(ProcessInstance lead) {
		Map<String, Object> decided = new HashMap<>();
		history.createHistoricVariableInstanceQuery()
			.processInstanceId(lead.getId())
			.variableNameIn("decision", "reason", "notes")
			.list()
			.stream()
			.filter(variable -> variable.getTaskId() == null && "CREATED".equals(variable.getState()))
			.forEach(variable -> decided.merge(variable.getName(), variable.getValue(), (a, b) -> a + " | " + b));
		return decided;
	}

	private List<String> candidateGroups(Task task) {
		return tasks.getIdentityLinksForTask(task.getId())
			.stream()
			.filter(link -> "candidate".equals(link.getType()) && link.getGroupId() != null)
			.map(link -> link.getGroupId())
			.toList();
	}

	private ProcessInstance hotLead() {
		ProcessInstance lead = leads.create("Developer", 20, "Agriculture", "FR");
		leads.activity(lead, "demo_requested", Instant.now());
		return lead;
	}

	private ResponseEntity<String> complete(Task task, String body) {
		return complete(task, "demo", body);
	}

	private ResponseEntity<String> complete(Task task, String user, String body) {
		return rest.postForEntity("/engine-rest/task/" + task.getId() + "/complete", json(body, user), String.class);
	}

	private ResponseEntity<String> put(Task task, String path, String body, String user) {
		return rest.exchange("/engine-rest/task/" + task.getId() + "/" + path, HttpMethod.PUT, json(body, user),
				String.class);
	}

	private ResponseEntity<String> post(Task task, String path, String body, String user) {
		return rest.postForEntity("/engine-rest/task/" + task.getId() + "/" + path, json(body, user), String.class);
	}

	private static HttpEntity<String> json(String body, String user) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, user);
		headers.setContentType(MediaType.APPLICATION_JSON);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		return new HttpEntity<>(body, headers);
	}

}
