package io.parcours;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/** The whole application on a real port: engine REST API, Camunda webapps, health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ApplicationIntegrationTests {

	@Autowired
	TestRestTemplate rest;

	@LocalServerPort
	int port;

	@Autowired
	RepositoryService repository;

	@Autowired
	ProcessEngine engine;

	@BeforeEach
	void httpUsesThisContextsEngine() {
		EngineRegistry.useForHttp(engine);
	}

	@Test
	void startsWithTheWelcomeJourneyDeployedOnce() {
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("welcome").count()).isOne();
		assertThat(repository.createDeploymentQuery().deploymentName("parcours").singleResult().getId()).isNotNull();
		assertThat(repository.getDeploymentResourceNames(
				repository.createDeploymentQuery().deploymentName("parcours").singleResult().getId()))
			.contains("bpmn/welcome.bpmn");
	}

	@Test
	void theEngineRestApiRefusesRequestsWithoutValidCredentials() {
		assertThat(rest.getForEntity("/engine-rest/process-definition", String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/engine-rest/process-definition", "intruder", "guess").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		ResponseEntity<String> definitions = get("/engine-rest/process-definition?key=welcome", "demo", "demo");
		assertThat(definitions.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(definitions.getBody()).contains("\"key\":\"welcome\"");
		// the engine's own filter lets its list of engines through: ours does not
		for (String engines : List.of("/engine-rest/engine", "/engine-rest/engine/")) {
			assertThat(rest.getForEntity(engines, String.class).getStatusCode()).as(engines)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(get(engines, "intruder", "guess").getStatusCode()).as(engines)
				.isEqualTo(HttpStatus.UNAUTHORIZED);
			assertThat(get(engines, "mia", "mia").getBody()).as(engines).contains("\"name\":\"default\"");
		}
		// Cockpit's log-in page lists the engines before anyone logs in
		assertThat(rest.getForEntity("/camunda/api/engine/engine/", String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
	}

	@Test
	void theApiRefusesRequestsWithoutCredentials() {
		assertThat(rest.getForEntity("/api/messages", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/api/messages", "mia", "mia").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/** The error page shows failures; asked for by itself it is nobody's to read. */
	@Test
	void theErrorPageCannotBeAskedForDirectly() {
		// anonymous: sent to the log-in page, as for any page
		assertThat(rest.getForEntity("/error", String.class).getBody()).contains("<form").doesNotContain("999");
		assertThat(get("/error", "mia", "mia").getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void aPathTheFirewallRefusesIsAProblemNamingIt() {
		var refused = get("/api/contacts/acct;42", "mia", "mia");

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(refused.getBody()).contains("\"field\":\"path\"");
	}

	/**
	 * A {@code ;} in the first segment reaches Spring's path parsing, which runs before
	 * the security chain: refused as well, with or without credentials, not a 500.
	 */
	@Test
	void aPathParameterInTheFirstSegmentIsRefusedBeforeAnythingElse(CapturedOutput output) throws Exception {
		for (String path : List.of("/engine-rest;x=1/user", "/engine-rest;jsessionid=abc/process-definition",
				"/camunda;x/api/engine/engine/default/user", "/api;x/contacts/c-1")) {
			for (boolean withCredentials : List.of(false, true)) {
				HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
				if (withCredentials) {
					request.header("Authorization", "Basic "
							+ Base64.getEncoder().encodeToString("demo:demo".getBytes(StandardCharsets.UTF_8)));
				}
				HttpResponse<String> refused = HttpClient.newHttpClient()
					.send(request.build(), HttpResponse.BodyHandlers.ofString());

				assertThat(refused.statusCode()).as(path).isEqualTo(400);
				assertThat(refused.body()).as(path).contains("\"field\":\"path\"", "Path refused");
			}
		}
		assertThat(output.getAll()).doesNotContain("Invalid contextPath");
	}

	/**
	 * Refused by Tomcat itself, before any filter: the same problem, not Tomcat's page.
	 */
	@Test
	void aPathTomcatRefusesIsAProblemNamingIt() throws Exception {
		for (String path : List.of("/api/contacts/a%2Fb", "/api/contacts/a%5Cb", "/api/contacts/a%00b",
				"/engine-rest/task/x%2Fcomplete")) {
			HttpResponse<String> refused = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
					.header("Authorization",
							"Basic " + Base64.getEncoder().encodeToString("mia:mia".getBytes(StandardCharsets.UTF_8)))
					.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(refused.statusCode()).as(path).isEqualTo(400);
			assertThat(refused.headers().firstValue("Content-Type")).as(path)
				.hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
			assertThat(refused.body()).as(path).contains("\"field\":\"path\"").doesNotContain("<html");
		}
		// a cookie grown too big: the request is named, not its path
		HttpResponse<String> tooBig = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/messages/counts"))
				.header("Cookie", "big=" + "a".repeat(20_000))
				.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(tooBig.statusCode()).isEqualTo(400);
		assertThat(tooBig.body()).contains("\"field\":\"request\"", "headers too large");
	}

	/**
	 * The database would fail on the second add: a 500 for a state that already holds.
	 */
	@Test
	void addingAMemberTwiceChangesNothing() {
		HttpHeaders ops = new HttpHeaders();
		ops.setBasicAuth("demo", "demo");
		HttpHeaders marketer = new HttpHeaders();
		marketer.setBasicAuth("mia", "mia");
		String membership = "/engine-rest/group/sales/members/mia";
		try {
			var first = rest.exchange(membership, HttpMethod.PUT, new HttpEntity<>(ops), String.class);
			var second = rest.exchange(membership, HttpMethod.PUT, new HttpEntity<>(ops), String.class);
			var byMarketer = rest.exchange(membership, HttpMethod.PUT, new HttpEntity<>(marketer), String.class);

			assertThat(first.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
			assertThat(byMarketer.getStatusCode()).as("who may not add members learns nothing")
				.isEqualTo(HttpStatus.FORBIDDEN);
			var nobody = rest.exchange("/engine-rest/group/sales/members/nosuchuser", HttpMethod.PUT,
					new HttpEntity<>(ops), String.class);
			assertThat(nobody.getStatusCode()).as(nobody.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(nobody.getBody()).contains("\"field\":\"userId\"", "There is no such user");
		}
		finally {
			rest.exchange(membership, HttpMethod.DELETE, new HttpEntity<>(ops), String.class);
		}
	}

	@Test
	void addingATenantMemberTwiceChangesNothing() {
		HttpHeaders ops = new HttpHeaders();
		ops.setBasicAuth("demo", "demo");
		ops.setContentType(MediaType.APPLICATION_JSON);
		assertThat(rest
			.exchange("/engine-rest/tenant/create", HttpMethod.POST,
					new HttpEntity<>("{\"id\": \"shopfr\", \"name\": \"Shop FR\"}", ops), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		try {
			for (String membership : List.of("/engine-rest/tenant/shopfr/user-members/mia",
					"/engine-rest/tenant/shopfr/group-members/marketing")) {
				var first = rest.exchange(membership, HttpMethod.PUT, new HttpEntity<>(ops), String.class);
				var second = rest.exchange(membership, HttpMethod.PUT, new HttpEntity<>(ops), String.class);

				assertThat(first.getStatusCode()).as(membership).isEqualTo(HttpStatus.NO_CONTENT);
				assertThat(second.getStatusCode()).as(second.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
			}
			String grant = "{\"type\": 1, \"permissions\": [\"READ\"], \"userId\": \"sam\", \"resourceType\": 11,"
					+ " \"resourceId\": \"shopfr\"}";
			var granted = rest.exchange("/engine-rest/authorization/create", HttpMethod.POST,
					new HttpEntity<>(grant, ops), String.class);
			var again = rest.exchange("/engine-rest/authorization/create", HttpMethod.POST,
					new HttpEntity<>(grant, ops), String.class);
			assertThat(granted.getStatusCode()).as(granted.getBody()).isEqualTo(HttpStatus.OK);
			assertThat(again.getStatusCode()).as(again.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(again.getBody()).contains("\"field\":\"resourceId\"", "exists already");
		}
		finally {
			rest.exchange("/engine-rest/tenant/shopfr", HttpMethod.DELETE, new HttpEntity<>(ops), String.class);
		}
	}

	/** The engine takes a JSON null for no body, and fails with a 500 and a trace. */
	@Test
	void aNullBodyOfTheEngineRestApiIsABadRequest() {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("mia", "mia");
		headers.setContentType(MediaType.APPLICATION_JSON);
		for (String path : List.of("/engine-rest/message", "/engine-rest/process-instance/count", "/engine-rest/signal",
				"/engine-rest/process-definition/key/welcome/start")) {
			var answer = rest.exchange(path, HttpMethod.POST, new HttpEntity<>("null", headers), String.class);

			assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(answer.getBody()).as(path).contains("\"field\":\"body\"", "is null");
		}
	}

	/**
	 * H2 quotes a value too long for its column, and the engine logs that error: a delete
	 * reason naming a person would end up in the log.
	 */
	@Test
	void textsLongerThanTheEnginesColumnsAreRefusedBeforeTheDatabase() {
		List<List<String>> refusals = List.of(List.of("/engine-rest/process-instance/delete",
				"{\"processInstanceIds\": [\"x\"], \"deleteReason\": \"" + "a".repeat(5000) + "\"}", "deleteReason"),
				List.of("/engine-rest/authorization/create",
						"{\"type\": 1, \"permissions\": [\"READ\"], \"userId\": \"sam\", \"resourceType\": 11,"
								+ " \"resourceId\": \"" + "r".repeat(300) + "\"}",
						"resourceId"),
				List.of("/engine-rest/message", "{\"messageName\": \"SignedUp\", \"processVariables\": {\""
						+ "v".repeat(300) + "\": {\"value\": 1}}}", "processVariables"));
		assertBadRequestsNamingTheField(refusals);
	}

	/**
	 * The engine answers these mistakes of the client with a 500 and a trace in the log.
	 */
	@Test
	void engineRestMistakesAreBadRequestsNamingTheField() {
		List<List<String>> mistakes = List.of(List.of("/engine-rest/authorization/create",
				"{\"type\": 7, \"permissions\": [\"READ\"], \"userId\": \"sam\", \"resourceType\": 11, \"resourceId\": \"t7\"}",
				"type"),
				List.of("/engine-rest/authorization/create",
						"{\"type\": 1, \"permissions\": [\"READ\"], \"userId\": \"sam\", \"groupId\": \"sales\","
								+ " \"resourceType\": 11, \"resourceId\": \"t8\"}",
						"userId"),
				List.of("/engine-rest/job/retries", "{\"retries\": 1, \"processInstances\": [\"nope\"]}", "jobIds"),
				List.of("/engine-rest/process-definition/key/welcome/start", "{\"skipCustomListeners\": true}",
						"skipCustomListeners"));
		assertBadRequestsNamingTheField(mistakes);
	}

	/** Each call (path, JSON body, field) posted by ops answers 400 naming its field. */
	private void assertBadRequestsNamingTheField(List<List<String>> calls) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth("demo", "demo");
		headers.setContentType(MediaType.APPLICATION_JSON);
		for (List<String> call : calls) {
			var answer = rest.exchange(call.get(0), HttpMethod.POST, new HttpEntity<>(call.get(1), headers),
					String.class);

			assertThat(answer.getStatusCode()).as(call.get(1)).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(answer.getBody()).as(call.get(1)).contains("\"field\":\"" + call.get(2) + "\"");
		}
	}

	/** The database would fail on a negative page: a 500 and a trace in the log. */
	@Test
	void aNegativePageOfTheEngineRestApiIsABadRequest() {
		var negativeFirst = get("/engine-rest/process-instance?firstResult=-1", "demo", "demo");
		var negativeMax = get("/engine-rest/history/process-instance?maxResults=-5", "mia", "mia");
		var fine = get("/engine-rest/process-instance?firstResult=0&maxResults=1", "demo", "demo");

		assertThat(negativeFirst.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(negativeFirst.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(negativeFirst.getBody()).contains("\"field\":\"firstResult\"", "is -1");
		assertThat(negativeMax.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(negativeMax.getBody()).contains("\"field\":\"maxResults\"");
		assertThat(fine.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * CMMN is off: a query of cases finds none (Cockpit's dashboard counts them beside
	 * the processes), any other case resource answers 404 rather than a 500 with the
	 * engine's trace.
	 */
	@Test
	void theEnginesCaseResourcesDoNotExist() {
		for (String path : List.of("/engine-rest/case-instance/c1", "/engine-rest/case-definition/key/k/xml",
				"/engine-rest/engine/default/case-execution/e1/variables")) {
			var answer = get(path, "demo", "demo");

			assertThat(answer.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
			assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
		}
		for (String path : List.of("/engine-rest/case-instance", "/engine-rest/history/case-activity-instance",
				"/engine-rest/case-definition?latestVersion=true")) {
			assertThat(get(path, "demo", "demo").getBody()).as(path).isEqualTo("[]");
		}
		assertThat(get("/engine-rest/engine/default/case-execution/count", "demo", "demo").getBody())
			.isEqualTo("{\"count\":0}");
		String cockpitCount = "/camunda/api/engine/engine/default/case-definition/count?latestVersion=true";
		assertThat(rest.getForEntity(cockpitCount, String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
		HttpHeaders cockpit = new HttpHeaders();
		cockpit.put(HttpHeaders.COOKIE,
				logInAnswer("demo", "demo", "cockpit").getHeaders()
					.get(HttpHeaders.SET_COOKIE)
					.stream()
					.map(cookie -> cookie.split(";")[0])
					.toList());
		var count = rest.exchange(cockpitCount, HttpMethod.GET, new HttpEntity<>(cockpit), String.class);
		assertThat(count.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(count.getBody()).isEqualTo("{\"count\":0}");
		var byCase = get("/engine-rest/task?caseDefinitionKey=x", "sam", "sam");
		assertThat(byCase.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(byCase.getBody()).contains("\"field\":\"caseDefinitionKey\"");
		HttpHeaders json = new HttpHeaders();
		json.setBasicAuth("mia", "mia");
		json.setContentType(MediaType.APPLICATION_JSON);
		var byCaseInBody = rest.exchange("/engine-rest/history/task", HttpMethod.POST,
				new HttpEntity<>("{\"caseDefinitionNameLike\": \"x%\"}", json), String.class);
		assertThat(byCaseInBody.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(byCaseInBody.getBody()).contains("\"field\":\"caseDefinitionNameLike\"");
		// as Tasklist lists a filter's tasks: an empty list of case variables filters
		// nothing
		assertThat(rest
			.exchange("/engine-rest/task", HttpMethod.POST,
					new HttpEntity<>("{\"taskNameLike\": \"x%\", \"caseInstanceVariables\": []}", json), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(get("/engine-rest/case-instance", "nobody", "wrong").getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(get("/engine-rest/process-definition", "demo", "demo").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aQueryParameterOfTheWrongTypeIsAProblemNamingIt() {
		var bogus = get("/api/messages?status=bogus", "mia", "mia");

		assertThat(bogus.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(bogus.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(bogus.getBody()).contains("\"field\":\"status\"", "must be one of", "delivered");

		var unknownCursor = get("/api/messages?before=no-such-message", "mia", "mia");
		assertThat(unknownCursor.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknownCursor.getBody()).contains("\"field\":\"before\"", "is no message id");
	}

	/**
	 * Ignored, a filter typed wrong would answer with every message as if it had applied.
	 */
	@Test
	void aQueryParameterTheEndpointDoesNotTakeIsAProblemNamingIt() {
		var unknownFilter = get("/api/messages?journey=welcome&contactId=c-1", "mia", "mia");

		assertThat(unknownFilter.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(unknownFilter.getHeaders().getContentType()).hasToString("application/problem+json");
		assertThat(unknownFilter.getBody()).contains("\"field\":\"contactId\"", "it takes [journey, status,");

		var none = get("/api/journeys?page=2", "mia", "mia");
		assertThat(none.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(none.getBody()).contains("\"field\":\"page\"", "which takes none");

		assertThat(get("/api/messages?journey=welcome&limit=5", "mia", "mia").getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * Tomcat would drop such a parameter, and the endpoint answer as if it was not given.
	 */
	@Test
	void aQueryParameterBadlyPercentEncodedIsAProblemNamingIt() throws Exception {
		for (String query : List.of("status=sen%zz", "%zz=1", "journey=welcome&limit=%", "journey=no%zzsuch")) {
			// as a client sends it: Java's URI refuses to build such a query
			try (Socket socket = new Socket("127.0.0.1", port)) {
				socket.getOutputStream()
					.write(("GET /api/messages?" + query + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Basic "
							+ Base64.getEncoder().encodeToString("mia:mia".getBytes(StandardCharsets.UTF_8))
							+ "\r\nConnection: close\r\n\r\n")
						.getBytes(StandardCharsets.US_ASCII));
				String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

				assertThat(response).as(query).startsWith("HTTP/1.1 400").contains("is not percent-encoded properly");
			}
		}
	}

	/**
	 * The dashboard runs Parcours' scripts only; the Camunda webapps keep their own
	 * policy.
	 */
	@Test
	void theDashboardRunsOnlyItsOwnScriptsAndTheSessionStaysOnThisSite() {
		ResponseEntity<String> dashboard = get("/", "demo", "demo");
		assertThat(dashboard.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(dashboard.getHeaders().getFirst("Content-Security-Policy")).contains("script-src 'self';",
				"object-src 'none'", "frame-ancestors 'self'");
		assertThat(dashboard.getHeaders().getFirst("Referrer-Policy")).isEqualTo("same-origin");

		ResponseEntity<String> cockpit = rest.getForEntity("/camunda/app/cockpit/default/", String.class);
		assertThat(cockpit.getHeaders().get("Content-Security-Policy")).hasSize(1)
			.noneMatch(policy -> policy.contains("img-src 'self' data: https:"));

		ResponseEntity<String> loginPage = rest.getForEntity("/login", String.class);
		assertThat(loginPage.getHeaders().get(HttpHeaders.SET_COOKIE))
			.anyMatch(cookie -> cookie.startsWith("JSESSIONID"))
			.filteredOn(cookie -> cookie.startsWith("JSESSIONID"))
			.allMatch(cookie -> cookie.contains("SameSite=Lax"));
		assertThat(cockpit.getHeaders().get(HttpHeaders.SET_COOKIE))
			.as("the webapps' session cookie says SameSite once, as the server sets it")
			.filteredOn(cookie -> cookie.startsWith("JSESSIONID"))
			.isNotEmpty()
			.allMatch(cookie -> cookie.split("SameSite=", -1).length == 2);
	}

	@Test
	void opsLogIntoCockpitTasklistAndAdmin() {
		for (String app : List.of("cockpit", "tasklist", "admin")) {
			assertThat(logIn("demo", "demo", app)).as(app).isEqualTo(HttpStatus.OK);
		}
	}

	@Test
	void marketersLogIntoCockpitAndSalesRepsIntoTasklistOnly() {
		assertThat(logIn("mia", "mia", "cockpit")).isEqualTo(HttpStatus.OK);
		assertThat(logIn("sam", "sam", "tasklist")).isEqualTo(HttpStatus.OK);
		assertThat(logIn("sam", "sam", "cockpit")).isEqualTo(HttpStatus.FORBIDDEN);
		// a wrong password locks the user for a few seconds (Camunda's brute-force
		// protection): use a throwaway name
		assertThat(logIn("intruder", "guess", "cockpit")).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	/**
	 * One log-in: the dashboard's log-in page also logs the user in to the webapps their
	 * groups open, so a rep sent on to Tasklist is not asked for the password again.
	 */
	@Test
	void theDashboardsLogInAlsoOpensTheWebappsOfTheUsersGroups() {
		HttpHeaders sam = dashboardLogIn("sam", "sam");
		ResponseEntity<String> samInWebapps = rest.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET,
				new HttpEntity<>(sam), String.class);
		assertThat(samInWebapps.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(samInWebapps.getBody()).contains("\"userId\":\"sam\"", "tasklist").doesNotContain("cockpit");

		HttpHeaders mia = dashboardLogIn("mia", "mia");
		assertThat(rest
			.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(mia), String.class)
			.getBody()).contains("\"userId\":\"mia\"", "cockpit").doesNotContain("tasklist");
		mia.setAccept(List.of(MediaType.TEXT_HTML));
		assertThat(rest.exchange("/camunda/app/cockpit/default/", HttpMethod.GET, new HttpEntity<>(mia), String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);
	}

	/** Logging out of Cockpit ends the one log-in, dashboard included. */
	@Test
	void loggingOutOfAWebappEndsTheDashboardSessionToo() {
		HttpHeaders mia = dashboardLogIn("mia", "mia");
		assertThat(rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(mia), String.class).getStatusCode())
			.isEqualTo(HttpStatus.OK);
		ResponseEntity<String> cockpit = rest.exchange("/camunda/api/engine/engine/", HttpMethod.GET,
				new HttpEntity<>(mia), String.class);
		HttpHeaders logOut = new HttpHeaders();
		logOut.putAll(mia);
		logOut.set("X-XSRF-TOKEN", cockpit.getHeaders().getFirst("X-XSRF-TOKEN"));

		assertThat(rest
			.exchange("/camunda/api/admin/auth/user/default/logout", HttpMethod.POST, new HttpEntity<>(logOut),
					String.class)
			.getStatusCode()).isEqualTo(HttpStatus.OK);

		assertThat(rest.exchange("/api/me", HttpMethod.GET, new HttpEntity<>(mia), String.class).getStatusCode())
			.isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(rest
			.exchange("/camunda/api/admin/auth/user/default", HttpMethod.GET, new HttpEntity<>(mia), String.class)
			.getStatusCode()).isNotEqualTo(HttpStatus.OK);
	}

	/** The log-in page's form, as a browser posts it; the session's cookie to send on. */
	private HttpHeaders dashboardLogIn(String user, String password) {
		ResponseEntity<String> page = rest.getForEntity("/login", String.class);
		Matcher token = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(page.getBody());
		assertThat(token.find()).as("the log-in form's CSRF token").isTrue();
		String form = "username=" + user + "&password=" + password + "&_csrf=" + token.group(1);
		HttpResponse<String> loggedIn;
		try {
			loggedIn = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
					.header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_FORM_URLENCODED_VALUE)
					.header(HttpHeaders.COOKIE,
							String.join("; ", cookies(page.getHeaders().get(HttpHeaders.SET_COOKIE))))
					.POST(HttpRequest.BodyPublishers.ofString(form))
					.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
		assertThat(loggedIn.statusCode()).as(loggedIn.body()).isEqualTo(302);
		HttpHeaders session = new HttpHeaders();
		session.put(HttpHeaders.COOKIE, cookies(loggedIn.headers().allValues(HttpHeaders.SET_COOKIE)));
		return session;
	}

	private static List<String> cookies(List<String> setCookies) {
		return setCookies.stream().map(c -> c.split(";")[0]).toList();
	}

	/** A page, not Spring's error page, says why and where to go. */
	@Test
	void aSalesRepOpeningCockpitIsToldItIsNotForTheirRole() {
		ResponseEntity<String> loggedIn = logInAnswer("sam", "sam", "tasklist");
		assertThat(loggedIn.getStatusCode()).isEqualTo(HttpStatus.OK);
		HttpHeaders headers = new HttpHeaders();
		headers.setAccept(List.of(MediaType.TEXT_HTML));
		headers.put(HttpHeaders.COOKIE,
				loggedIn.getHeaders()
					.getOrEmpty(HttpHeaders.SET_COOKIE)
					.stream()
					.map(cookie -> cookie.split(";")[0])
					.toList());

		ResponseEntity<String> cockpit = rest.exchange("/camunda/app/cockpit/default/", HttpMethod.GET,
				new HttpEntity<>(headers), String.class);

		assertThat(cockpit.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(cockpit.getBody()).contains("This page is not for your role", "/camunda/app/tasklist/")
			.doesNotContain("Whitelabel");
	}

	@Test
	void healthIsPublic() {
		ResponseEntity<String> health = rest.getForEntity("/actuator/health", String.class);
		assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(health.getBody()).contains("UP");
	}

	@Test
	void theIconBrowsersAskForIsServedWithoutALogIn() {
		ResponseEntity<byte[]> icon = rest.getForEntity("/favicon.ico", byte[].class);
		assertThat(icon.getStatusCode()).isEqualTo(HttpStatus.OK);
		assertThat(icon.getBody()).startsWith(0, 0, 1, 0);
	}

	/** HTTP Basic sent with the first request, as API clients and the Modeler do. */
	private ResponseEntity<String> get(String path, String user, String password) {
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
	}

	/**
	 * The Camunda webapps' own log-in, as the browser does it: fetch the page for its
	 * CSRF cookie, then post.
	 */
	private HttpStatus logIn(String user, String password, String app) {
		return HttpStatus.valueOf(logInAnswer(user, password, app).getStatusCode().value());
	}

	private ResponseEntity<String> logInAnswer(String user, String password, String app) {
		ResponseEntity<String> page = rest.getForEntity("/camunda/app/" + app + "/default/", String.class);
		assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
		List<String> cookies = page.getHeaders().get(HttpHeaders.SET_COOKIE);
		String csrf = page.getHeaders().getFirst("X-XSRF-TOKEN");
		HttpHeaders headers = new HttpHeaders();
		headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
		headers.put(HttpHeaders.COOKIE, cookies.stream().map(cookie -> cookie.split(";")[0]).toList());
		if (csrf != null) {
			headers.set("X-XSRF-TOKEN", csrf);
		}
		var form = new LinkedMultiValueMap<String, String>();
		form.add("username", user);
		form.add("password", password);
		return rest.exchange("/camunda/api/admin/auth/user/default/login/" + app, HttpMethod.POST,
				new HttpEntity<>(form, headers), String.class);
	}

}
