package io.parcours.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.EngineRegistry;
import io.parcours.TestContacts;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.util.LinkedMultiValueMap;

/**
 * A marketer deploys from the Camunda Modeler: exactly the Modeler's request (multipart
 * {@code POST /engine-rest/deployment/create}, HTTP Basic, the diagram as a part named
 * after its file, forms as attachments), and the answers it shows in its deploy dialog.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@ExtendWith(OutputCaptureExtension.class)
class ModelerDeploymentIntegrationTests {

	static final String WELCOME = readWelcome();

	final ObjectMapper json = new ObjectMapper();

	final List<String> deployments = new ArrayList<>();

	@Autowired
	TestRestTemplate rest;

	@Autowired
	ProcessEngine engine;

	@Autowired
	RepositoryService repository;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	Journeys journeys;

	@Autowired
	TestContacts contacts;

	@BeforeEach
	void restApiUsesThisContextsEngine() {
		EngineRegistry.useForHttp(engine);
	}

	@AfterEach
	void undeploy() {
		deployments.forEach(id -> repository.deleteDeployment(id, true));
	}

	@Test
	void aMarketerDeploysAChangedJourney() throws IOException {
		int before = latestWelcomeVersion();

		ResponseEntity<String> response = deploy("mia", "mia",
				Map.of("welcome.bpmn", WELCOME.replace(">P2D<", ">P1D<").replace("2 days passed", "1 day passed")));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
		JsonNode deployment = json.readTree(response.getBody());
		deployments.add(deployment.path("id").asText());
		JsonNode definition = deployment.path("deployedProcessDefinitions").elements().next();
		assertThat(definition.path("key").asText()).isEqualTo("welcome");
		assertThat(definition.path("version").asInt()).isEqualTo(before + 1);
		assertThat(deployment.path("source").asText()).isEqualTo("Camunda Modeler");
	}

	/**
	 * A tenant's welcome journey beside the one without a tenant: every sign-up would
	 * match two journeys and start none.
	 */
	@Test
	void aDeploymentForATenantIsRefused() throws IOException {
		long welcomes = repository.createProcessDefinitionQuery().processDefinitionKey("welcome").count();

		ResponseEntity<String> refused = deploy("mia", "mia", Map.of("welcome.bpmn", WELCOME),
				Map.of("tenant-id", "acme"));

		assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("Parcours runs without tenants", "'acme'");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("welcome").count())
			.isEqualTo(welcomes);
	}

	/**
	 * A later activation leaves the new version the latest and suspended: no sign-up
	 * would start the journey until then.
	 */
	@Test
	void aDeploymentActivatedLaterIsRefused() throws IOException {
		String changed = WELCOME.replace("name=\"2 days passed\"", "name=\"Two days passed\"");
		int before = latestWelcomeVersion();

		ResponseEntity<String> refused = deploy("mia", "mia", Map.of("welcome.bpmn", changed),
				Map.of("deployment-activation-time", "2030-01-01T00:00:00.000+0000"));

		assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("leave out the activation time (deployment-activation-time)");
		assertThat(latestWelcomeVersion()).isEqualTo(before);
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("welcome").suspended().count())
			.isZero();
	}

	@Test
	void salesRepsMayNotDeploy() {
		ResponseEntity<String> response = deploy("sam", "sam",
				Map.of("welcome.bpmn", WELCOME.replace("2 days passed", "Two days passed")));

		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void contactsAlreadyInAJourneyFinishOnTheirVersion() throws IOException {
		String contactId = contacts.withConsent(true, false).id();
		String started = journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contactId, Map.of()).orElseThrow();
		String startedOn = instance(started).getProcessDefinitionId();

		ResponseEntity<String> response = deploy("mia", "mia",
				Map.of("welcome.bpmn", WELCOME.replace("Send welcome email", "Send our welcome email")));
		deployments.add(json.readTree(response.getBody()).path("id").asText());
		management.executeJob(management.createJobQuery().processInstanceId(started).singleResult().getId());

		assertThat(instance(started).getProcessDefinitionId()).isEqualTo(startedOn);
		String next = journeys
			.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contacts.withConsent(true, false).id(), Map.of())
			.orElseThrow();
		assertThat(instance(next).getProcessDefinitionId()).isNotEqualTo(startedOn);
	}

	@Test
	void rejectsAStepCallingAnUnknownDelegate() throws IOException {
		String diagram = WELCOME.replaceFirst("\\$\\{sendEmail}", "\\${noSuchBean}");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("Step 'Send welcome email' (Task_SendWelcomeEmail)",
				"${noSuchBean}", "does not know", "sendEmail");
		assertThat(problem.path("message").asText()).as("the steps only ops use are not offered to a marketer")
			.doesNotContain("pushToCrm", "enrolDormantCustomers");
		assertThat(errorElements(problem)).contains("Task_SendWelcomeEmail");
	}

	/**
	 * Run inside the sign-up's transaction, the welcome email would find no contact yet
	 * and be skipped; a retry of the step before it would send it again.
	 */
	@Test
	void rejectsASendStepThatDoesNotStartOnItsOwn() throws IOException {
		String diagram = WELCOME.replaceFirst(" camunda:asyncBefore=\"true\"", "");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("Step 'Send welcome email' (Task_SendWelcomeEmail)",
				"sends an email", "tick \"Asynchronous before\"");
		assertThat(errorElements(problem)).contains("Task_SendWelcomeEmail");
		assertThat(
				rejectedWelcome(WELCOME.replaceFirst("camunda:asyncBefore=\"true\"", "camunda:asyncBefore=\"false\""))
					.path("message")
					.asText())
			.contains("must start on its own");
	}

	/** No lead comes with a sign-up: the step would fail for every contact. */
	@Test
	void rejectsAStepOfAnotherJourney() throws IOException {
		String diagram = WELCOME.replaceFirst("\\$\\{sendEmail}", "\\${updateLeadScore}");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("Step 'Send welcome email' (Task_SendWelcomeEmail)",
				"${updateLeadScore}, a step of the b2b-nurturing journey only",
				"which journey 'welcome' does not have");
	}

	/** Contacts would wait there for ever: Parcours sends orders as OrderCompleted. */
	@Test
	void rejectsAStepWaitingForAMessageParcoursNeverSends() throws IOException {
		String diagram = WELCOME.replace("name=\"OrderCompleted\"", "name=\"OrderPlaced\"");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("waits for message 'OrderPlaced'",
				"never sends to a running journey", "OrderCompleted (an order.completed event)");
	}

	/** Each deploys with the engine and then does nothing, or nothing ever ends it. */
	@Test
	void rejectsStepsThatDoNothingAndWaitsNothingEnds() throws IOException {
		String plainTask = WELCOME
			.replace("<bpmn:serviceTask id=\"Task_SendWelcomeEmail\"", "<bpmn:task id=\"Task_SendWelcomeEmail\"")
			.replaceFirst("</bpmn:serviceTask>", "</bpmn:task>");
		String signal = WELCOME.replace("<bpmn:timerEventDefinition id=\"Event_TwoDaysPassed_Timer\">",
				"<bpmn:signalEventDefinition id=\"Event_Go\" signalRef=\"Signal_Go\" /><bpmn:timerEventDefinition id=\"Event_TwoDaysPassed_Timer\">")
			.replace("<bpmn:message id=\"Message_SignedUp\"",
					"<bpmn:signal id=\"Signal_Go\" name=\"Go\" />\n  <bpmn:message id=\"Message_SignedUp\"");
		String expressionMessage = WELCOME.replace("name=\"OrderCompleted\"", "name=\"${'OrderPlaced'}\"");

		assertThat(rejectedWelcome(plainTask).path("message").asText())
			.contains("Step 'Send welcome email' (Task_SendWelcomeEmail) does nothing: the engine passes through it");
		assertThat(rejectedWelcome(signal).path("message").asText())
			.contains("waits for a signal, and Parcours sends none");
		assertThat(rejectedWelcome(expressionMessage).path("message").asText())
			.contains("waits for a message named by an expression");
	}

	/** A timer starts a journey for nobody; an order reaches journeys, it starts none. */
	@Test
	void rejectsAJourneyStartingOnATimerOrAnOrder() throws IOException {
		String timer = WELCOME.replace(
				"<bpmn:messageEventDefinition id=\"StartEvent_SignedUp_Message\" messageRef=\"Message_SignedUp\" />",
				"<bpmn:timerEventDefinition><bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">R/PT1M</bpmn:timeCycle></bpmn:timerEventDefinition>");
		String order = WELCOME.replace("messageRef=\"Message_SignedUp\"", "messageRef=\"Message_OrderCompleted\"");

		assertThat(rejectedWelcome(timer).path("message").asText())
			.contains("Step 'Contact signed up' (StartEvent_SignedUp) starts the journey on a timer, for no contact");
		assertThat(rejectedWelcome(order).path("message").asText())
			.contains("starts the journey on OrderCompleted, which reaches the journeys a contact is already in");
	}

	/** The engine deploys it and runs nothing; the Modeler would say it deployed. */
	@Test
	void rejectsADiagramWithNoExecutableJourney() {
		ResponseEntity<String> refused = deploy("mia", "mia",
				Map.of("welcome.bpmn", WELCOME.replace("isExecutable=\"true\"", "isExecutable=\"false\"")));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("'welcome.bpmn' holds no executable journey");
	}

	@Test
	void rejectsAStepRunningAnExpressionOrClassParcoursDoesNotHave() throws IOException {
		String expression = WELCOME.replaceFirst("camunda:delegateExpression=\"\\$\\{sendEmail}\"",
				"camunda:expression=\"\\${noSuchBean.run(execution)}\"");
		String javaClass = WELCOME.replaceFirst("camunda:delegateExpression=\"\\$\\{sendEmail}\"",
				"camunda:class=\"com.example.Nope\"");
		assertThat(expression).contains("noSuchBean.run");
		assertThat(javaClass).contains("com.example.Nope");

		assertThat(rejected(deploy("mia", "mia", Map.of("welcome.bpmn", expression))).path("message").asText())
			.contains("Task_SendWelcomeEmail", "${noSuchBean.run(execution)}", "nothing called 'noSuchBean'");
		assertThat(rejected(deploy("mia", "mia", Map.of("welcome.bpmn", javaClass))).path("message").asText())
			.contains("Task_SendWelcomeEmail", "com.example.Nope", "not part of Parcours");
	}

	@Test
	void aDiagramCannotRunCodeWithTheEnginesRights() throws IOException {
		String escalation = WELCOME.replaceFirst("camunda:delegateExpression=\"\\$\\{sendEmail}\"",
				"camunda:expression=\"\\${execution.processEngineServices.identityService"
						+ ".createMembership('mia', 'camunda-admin')}\"");
		String beanInCondition = WELCOME.replace("${smsConsent}",
				"${smsConsent || identityService.createMembership('mia', 'camunda-admin') == null}");
		String script = WELCOME.replace("${smsConsent}", "smsConsent")
			.replace("<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">smsConsent",
					"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\" language=\"javascript\">smsConsent");
		assertThat(escalation).contains("createMembership");
		assertThat(beanInCondition).contains("createMembership");
		assertThat(script).contains("language=\"javascript\"");

		assertThat(rejected(deploy("mia", "mia", Map.of("welcome.bpmn", escalation))).path("message").asText())
			.contains("Task_SendWelcomeEmail", "reads 'execution', which gives access to the whole engine",
					"calls the method createMembership");
		assertThat(rejected(deploy("mia", "mia", Map.of("welcome.bpmn", beanInCondition))).path("message").asText())
			.contains("reads 'identityService'");
		assertThat(rejected(deploy("mia", "mia", Map.of("welcome.bpmn", script))).path("message").asText())
			.contains("Step 'yes' (Flow_SmsConsented) runs a script");
		assertThat(engine.getIdentityService().createUserQuery().userId("mia").memberOfGroup("camunda-admin").count())
			.isZero();
	}

	@Test
	void aScriptTaskIsNamedOnce() throws IOException {
		String scriptTask = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:scriptTask id=\"Task_CallBack\" name=\"Compute\" scriptFormat=\"javascript\">"
						+ "<bpmn:script>1 + 1</bpmn:script></bpmn:scriptTask>");

		String message = rejected(deploy("mia", "mia", Map.of("callback.bpmn", scriptTask))).path("message").asText();

		assertThat(message).contains("Step 'Compute' (Task_CallBack) is a script task").doesNotContain("runs a script");
	}

	@Test
	void onlyJourneysDecisionTablesAndFormsAreDeployed() throws IOException {
		String caseFile = """
				<?xml version="1.0" encoding="UTF-8"?>
				<cmmn:definitions xmlns:cmmn="http://www.omg.org/spec/CMMN/20151109/MODEL" id="d" targetNamespace="t">
				  <cmmn:case id="qacase"><cmmn:casePlanModel id="plan" /></cmmn:case>
				</cmmn:definitions>""";

		for (Map.Entry<String, String> file : Map.of("qacase.cmmn", caseFile, "evil.html", "<script>x()</script>")
			.entrySet()) {
			ResponseEntity<String> response = deploy("mia", "mia", Map.of(file.getKey(), file.getValue()));
			assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
			assertThat(json.readTree(response.getBody()).path("message").asText()).contains(file.getKey(),
					"Parcours deploys nothing else");
		}
		assertThat(repository.createCaseDefinitionQuery().caseDefinitionKey("qacase").count()).isZero();
	}

	@Test
	void embeddedAndGeneratedFormsCalledProcessesAndActivitiListenersAreRefused() throws IOException {
		String embeddedForm = callBack("x").replace("camunda:formRef=\"x\" camunda:formRefBinding=\"latest\"",
				"camunda:formKey=\"embedded:deployment:evil.html\"");
		String callsTheSweep = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:callActivity id=\"Task_CallBack\" name=\"Sweep\" calledElement=\"reactivation-sweep\" />");
		String activitiListener = callBack("x")
			.replace("xmlns:camunda=", "xmlns:activiti=\"http://activiti.org/bpmn\" xmlns:camunda=")
			.replace("<bpmn:endEvent id=\"EndEvent_Called\" name=\"Called\" />",
					"<bpmn:endEvent id=\"EndEvent_Called\" name=\"Called\"><bpmn:extensionElements>"
							+ "<activiti:executionListener event=\"start\" class=\"java.lang.Object\" />"
							+ "</bpmn:extensionElements></bpmn:endEvent>");
		assertThat(embeddedForm).contains("embedded:deployment");
		assertThat(callsTheSweep).contains("callActivity");
		assertThat(activitiListener).contains("activiti:executionListener");

		assertThat(rejected(deploy("mia", "mia", Map.of("call-back.bpmn", embeddedForm))).path("message").asText())
			.contains("shows a form by form key", "Camunda Forms");
		assertThat(rejected(deploy("mia", "mia", Map.of("call-back.bpmn", callsTheSweep))).path("message").asText())
			.contains("calls another process (reactivation-sweep)");
		assertThat(rejected(deploy("mia", "mia", Map.of("call-back.bpmn", activitiListener))).path("message").asText())
			.contains("java.lang.Object", "not part of Parcours");
		String generatedForm = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\"><bpmn:extensionElements>"
						+ "<camunda:formData><camunda:formField id=\"ok\" type=\"boolean\" "
						+ "label=\"&lt;script cam-script&gt;x()&lt;/script&gt;\" /></camunda:formData>"
						+ "</bpmn:extensionElements></bpmn:userTask>");
		assertThat(generatedForm).contains("camunda:formField");
		assertThat(rejected(deploy("mia", "mia", Map.of("call-back.bpmn", generatedForm))).path("message").asText())
			.contains("form generated from form fields (camunda:formData)", "Camunda Forms");
		String formHandler = callBack("x").replace("camunda:formRef=\"x\" camunda:formRefBinding=\"latest\"",
				"camunda:formHandlerClass=\"java.lang.Object\"");
		assertThat(rejected(deploy("mia", "mia", Map.of("call-back.bpmn", formHandler))).path("message").asText())
			.contains("java.lang.Object", "not part of Parcours");
	}

	@Test
	void onlyOpsDeployTheStepsAndTheProcessOfTheDailySweep() throws IOException {
		String enrolsTheBase = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:serviceTask id=\"Task_CallBack\" name=\"Find dormant customers\" camunda:asyncBefore=\"true\" "
						+ "camunda:delegateExpression=\"${openReactivationSweep}\" />")
			.replace("call-back-test", "sweep-by-marketing-test");
		String sweepProcess = Files.readString(Path.of("bpmn/reactivation-sweep.bpmn"), StandardCharsets.UTF_8);
		assertThat(enrolsTheBase).contains("${openReactivationSweep}");

		assertThat(rejected(deploy("mia", "mia", Map.of("sweep.bpmn", enrolsTheBase))).path("message").asText())
			.contains("a step of the daily reactivation sweep", "only ops (camunda-admin) deploy it");
		assertThat(rejected(deploy("mia", "mia", Map.of("reactivation-sweep.bpmn", sweepProcess))).path("message")
			.asText()).contains("is the daily reactivation sweep, which only ops (camunda-admin) deploy");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sweep-by-marketing-test").count())
			.isZero();

		ResponseEntity<String> byOps = deploy("demo", "demo", Map.of("sweep.bpmn", enrolsTheBase));
		assertThat(byOps.getStatusCode()).as(byOps.getBody()).isEqualTo(HttpStatus.OK);
	}

	/**
	 * A marketer's copy of the B2B journey that takes out the decision check and hands
	 * "Qualify hot lead" to marketing would let her decide leads and push them to the
	 * CRM: the steps of the hand-off to sales are deployed by ops.
	 */
	@Test
	void onlyOpsDeployTheStepsOfTheHandOffToSales() throws IOException {
		String b2b = Files.readString(Path.of("bpmn/b2b-nurturing.bpmn"), StandardCharsets.UTF_8);
		String decidedByMarketing = b2b.replace(
				"        <camunda:taskListener delegateExpression=\"${checkQualifyDecision}\" event=\"complete\" />\n",
				"")
			.replace("Task_QualifyHotLead", "Task_QualifyLead2")
			.replace("camunda:assignee=\"${salesRep}\" camunda:candidateGroups=\"${salesGroup}\"",
					"camunda:assignee=\"mia\" camunda:candidateGroups=\"marketing\"");
		assertThat(decidedByMarketing).doesNotContain("checkQualifyDecision").contains("camunda:assignee=\"mia\"");
		long versions = repository.createProcessDefinitionQuery().processDefinitionKey("b2b-nurturing").count();

		String refusal = rejected(deploy("mia", "mia", Map.of("b2b-nurturing.bpmn", decidedByMarketing)))
			.path("message")
			.asText();

		assertThat(refusal).contains("Step 'Hand to sales' (Task_HandToSales) runs ${handToSales}",
				"Step 'Push opportunity to CRM' (Task_PushToCrm) runs ${pushToCrm}", "a step of the hand-off to sales",
				"only ops (camunda-admin) deploy it");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("b2b-nurturing").count())
			.isEqualTo(versions);

		// nor can a version without those steps take the leads from sales
		String withoutHandOff = callBack("x").replace("call-back-test", "b2b-nurturing");
		assertThat(
				rejected(deploy("mia", "mia", Map.of("b2b-nurturing.bpmn", withoutHandOff))).path("message").asText())
			.contains("The process b2b-nurturing hands hot leads to sales, so only ops");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("b2b-nurturing").count())
			.isEqualTo(versions);
	}

	/** A step naming its delegate's class would skip the checks of its template. */
	@Test
	void aParcoursStepCalledByItsClassIsRefusedWhoeverDeploysIt() throws IOException {
		String sweepByClass = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:serviceTask id=\"Task_CallBack\" name=\"Find dormant customers\" "
						+ "camunda:class=\"io.parcours.reactivation.process.OpenSweepDelegate\" />")
			.replace("call-back-test", "sweep-by-class-test");
		String sendWithoutTemplate = WELCOME
			.replaceFirst("camunda:delegateExpression=\"\\$\\{sendEmail}\"",
					"camunda:class=\"io.parcours.channel.process.SendEmailDelegate\"")
			.replaceFirst("<camunda:inputParameter name=\"template\">welcome</camunda:inputParameter>", "");
		assertThat(sendWithoutTemplate).contains("SendEmailDelegate").doesNotContain(">welcome<");

		for (String user : List.of("mia", "demo")) {
			assertThat(rejected(deploy(user, user, Map.of("sweep.bpmn", sweepByClass))).path("message").asText())
				.contains(
						"Step 'Find dormant customers' (Task_CallBack) calls the Java class "
								+ "io.parcours.reactivation.process.OpenSweepDelegate directly",
						"${openReactivationSweep}");
			assertThat(
					rejected(deploy(user, user, Map.of("welcome.bpmn", sendWithoutTemplate))).path("message").asText())
				.contains("SendEmailDelegate directly", "${sendEmail}");
		}
		String testClass = callBack("x").replace(
				"<bpmn:userTask id=\"Task_CallBack\" name=\"Call the lead back\" camunda:formRef=\"x\" camunda:formRefBinding=\"latest\" />",
				"<bpmn:serviceTask id=\"Task_CallBack\" name=\"Run some code\" "
						+ "camunda:class=\"io.parcours.modeler.ModelerDeploymentIntegrationTests\" />");
		assertThat(rejected(deploy("mia", "mia", Map.of("code.bpmn", testClass))).path("message").asText())
			.contains("which only ops may name in a diagram");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKey("sweep-by-class-test").count())
			.isZero();
	}

	@Test
	void whatWasDeployedIsNotJudgedAgainWhenTheEngineLoadsItForSomeoneElse() {
		// as after a restart: the engine parses the sweep again for whoever asks first
		((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getDeploymentCache()
			.discardProcessDefinitionCache();

		ResponseEntity<String> sweep = rest.withBasicAuth("mia", "mia")
			.getForEntity("/engine-rest/process-definition/key/reactivation-sweep", String.class);

		assertThat(sweep.getStatusCode()).as(sweep.getBody()).isEqualTo(HttpStatus.OK);
	}

	@Test
	void aDecisionTableInAnotherLanguageThanFeelIsRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-routing.dmn",
				"<inputExpression id=\"InputExpression_Country\" typeRef=\"string\">",
				"<inputExpression id=\"InputExpression_Country\" typeRef=\"string\" expressionLanguage=\"juel\">"))
			.contains("written in juel", "written in FEEL");
	}

	/**
	 * Routed to marketing, a hot lead would wait in a task nobody it went to may decide.
	 */
	@Test
	void theRoutingTableHandsLeadsToSalesGroupsOnly() throws IOException {
		assertThat(refusedDecisionTable("lead-routing.dmn", "<outputEntry id=\"Group_Everyone\"><text>\"sales\"</text>",
				"<outputEntry id=\"Group_Everyone\"><text>\"marketing\"</text>"))
			.contains("Rule 'Rule_Everyone' hands hot leads to \"marketing\" in 'Sales group'", "may not decide them",
					"\"sales-managers\"");
		assertThat(refusedDecisionTable("lead-routing.dmn", "<outputEntry id=\"Group_Everyone\"><text>\"sales\"</text>",
				"<outputEntry id=\"Group_Everyone\"><text></text>"))
			.contains("hands hot leads to no group");
		String team = "sales-" + TestContacts.newId("enterprise");
		assertThat(refusedDecisionTable("lead-routing.dmn", "<text>\"sales-managers\"</text>",
				"<text>\"" + team + "\"</text>"))
			.contains("Rule 'Rule_Enterprise' hands hot leads to group '" + team + "', which does not exist",
					"Create the group in Camunda Admin");
		assertThat(refusedDecisionTable("lead-routing.dmn", "<text>\"sam\"</text>", "<text>\"samm\"</text>"))
			.contains("Rule 'Rule_FrenchSpeakingSmallAndMidSize' hands hot leads to rep 'samm', who is no user");
		IdentityService identity = engine.getIdentityService();
		identity.saveGroup(identity.newGroup(team));
		try {
			String routing = Files.readString(Path.of("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8);
			ResponseEntity<String> toATeam = deploy("mia", "mia", Map.of("lead-routing.dmn",
					routing.replace("<text>\"sales-managers\"</text>", "<text>\"" + team + "\"</text>")));
			assertThat(toATeam.getStatusCode()).as(toATeam.getBody()).isEqualTo(HttpStatus.OK);
			deployments.add(json.readTree(toATeam.getBody()).path("id").asText());
		}
		finally {
			identity.deleteGroup(team);
		}
	}

	/** Either would leave every lead at 0 points from then on, silently. */
	@Test
	void aScoringTableReadingANameItIsNotGivenOrWithoutTheOutputParcoursReadsIsRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<text>activity</text>", "<text>activityType</text>"))
			.contains("Input 'Activity' of the decision 'lead-engagement' reads activityType",
					"Parcours gives it activity");
		assertThat(refusedDecisionTable("lead-engagement.dmn", "name=\"points\"", "name=\"score\""))
			.contains("The decision 'lead-engagement' has no output named 'points'", "its outputs: score");
	}

	/** Each would fail, or under-score, every lead it touches. */
	@Test
	void aScoringTableThatWouldFailOrUnderScoreLeadsIsRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-fit.dmn", "<outputEntry id=\"Points_MidMarket\"><text>25</text>",
				"<outputEntry id=\"Points_MidMarket\"><text></text>"))
			.contains("'lead-fit.dmn': Rule 'Rule_MidMarket' of the decision 'lead-fit' leaves 'Points' empty")
			// said once, without the DMN engine's wrapping of it
			.doesNotContain("DMN-02016", "ENGINE-22004");
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<text>\"page_viewed\"</text>", "<text></text>"))
			.contains("matches everything, and the table's hit policy (UNIQUE) lets one rule match only", "FIRST");
		assertThat(refusedDecisionTable("lead-fit.dmn", "name=\"seniority\"", "name=\"seniorityLevel\""))
			.contains("The decision 'lead-seniority' has no output named 'seniority'");
	}

	/** Text points fail every activity; a huge value wraps the score round. */
	@Test
	void pointsAsTextOrBeyondAThousandAreRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-engagement.dmn", "name=\"points\" typeRef=\"integer\"",
				"name=\"points\" typeRef=\"string\""))
			.contains("The decision 'lead-engagement' gives its points as string", "must be integer");
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<outputEntry id=\"Points_PageViewed\"><text>2</text>",
				"<outputEntry id=\"Points_PageViewed\"><text>2000000000</text>"))
			.contains("Rule 'Rule_PageViewed' of the decision 'lead-engagement' gives 2000000000 points: at most 1000");
	}

	/** Evaluated for each activity at deployment: it would fail, or score 0 silently. */
	@Test
	void anEngagementTableMatchingAnActivityTwiceOrNeverIsRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<text>\"email_opened\"</text>",
				"<text>\"page_viewed\"</text>"))
			.contains("The decision 'lead-engagement' fails for the activity 'page_viewed'", "one rule");
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<text>\"email_opened\"</text>",
				"<text>\"email_openned\"</text>"))
			.contains("gives no points for the activity 'email_opened'", "with 0 points");
	}

	@Test
	void textInAColumnOfNumbersIsRefused() throws IOException {
		assertThat(refusedDecisionTable("lead-engagement.dmn", "<outputEntry id=\"Points_PageViewed\"><text>2</text>",
				"<outputEntry id=\"Points_PageViewed\"><text>\"abc\"</text>"))
			.contains("gives \"abc\" for 'Points'", "holds whole numbers (integer)", "without quotes");
		// an unquoted word is a FEEL name (read as nothing), a decimal fails every
		// evaluation
		for (String text : List.of("abc", "2.5")) {
			String refusal = refusedDecisionTable("lead-engagement.dmn",
					"<outputEntry id=\"Points_PageViewed\"><text>2</text>",
					"<outputEntry id=\"Points_PageViewed\"><text>" + text + "</text>");
			assertThat(refusal).contains("gives " + text + " for 'Points'", "whole number");
			// said once, not once per exception wrapping it
			assertThat(refusal.split("gives " + text + " for 'Points'", -1)).hasSize(2);
		}
	}

	/**
	 * The shipped decision table with one change, deployed by a marketer: the refusal.
	 */
	private String refusedDecisionTable(String file, String from, String to) throws IOException {
		String table = Files.readString(Path.of("bpmn", file), StandardCharsets.UTF_8);
		assertThat(table).contains(from);

		ResponseEntity<String> response = deploy("mia", "mia", Map.of(file, table.replace(from, to)));

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		return json.readTree(response.getBody()).path("message").asText();
	}

	@Test
	void marketersMayNotDeleteAJourneyTheyDidNotDeploy() throws IOException {
		ResponseEntity<String> deployed = deploy("demo", "demo",
				Map.of("welcome.bpmn", WELCOME.replace(">P2D<", ">P3D<").replace("2 days passed", "3 days passed")));
		assertThat(deployed.getStatusCode()).isEqualTo(HttpStatus.OK);
		String id = json.readTree(deployed.getBody()).path("id").asText();
		String path = "/engine-rest/deployment/" + id + "?cascade=true";

		assertThat(
				rest.withBasicAuth("mia", "mia").exchange(path, HttpMethod.DELETE, null, String.class).getStatusCode())
			.isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(repository.createDeploymentQuery().deploymentId(id).count()).isOne();
		assertThat(rest.withBasicAuth("demo", "demo")
			.exchange(path, HttpMethod.DELETE, null, String.class)
			.getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
		assertThat(repository.createDeploymentQuery().deploymentId(id).count()).isZero();
	}

	@Test
	void rejectsACopyOfAJourneyThatKeepsItsStartMessage() throws IOException {
		String copy = WELCOME.replace("<bpmn:process id=\"welcome\"", "<bpmn:process id=\"welcome-copy\"")
			.replace("bpmnElement=\"welcome\"", "bpmnElement=\"welcome-copy\"");

		JsonNode problem = rejected(deploy("mia", "mia", Map.of("welcome-copy.bpmn", copy)));

		assertThat(problem.path("message").asText()).contains("StartEvent_SignedUp", "'welcome-copy'",
				"message 'SignedUp'", "already starts journey Welcome series (welcome)", "its own start message",
				"POST /engine-rest/message with the contact's id as businessKey");
	}

	@Test
	void rejectsStepsDecisionsAndAnswersWithoutABusinessName() throws IOException {
		String diagram = WELCOME.replace("name=\"Send getting-started email\" ", "")
			.replace("name=\"3 more days passed\"", "name=\"  \"")
			.replace("name=\"Consented to SMS?\" ", "")
			.replace("id=\"Flow_NoSmsConsent\" name=\"no\"", "id=\"Flow_NoSmsConsent\"");

		assertThat(refusal(diagram))
			.contains("The step Task_SendGettingStartedEmail has no name",
					"The event Event_ThreeDaysPassed has no name", "The decision Gateway_ConsentedToSms has no name",
					"A way out of the decision Gateway_ConsentedToSms has no name (Flow_NoSmsConsent)")
			// a gateway only merging paths needs no name, nor does a plain sequence flow
			.doesNotContain("Gateway_CouponSent", "Flow_ToConsentGateway", "Flow_SmsConsented");
	}

	@Test
	void rejectsASendStepWithAnUnknownMessageTemplate() throws IOException {
		String diagram = WELCOME.replace("<camunda:inputParameter name=\"template\">getting-started<",
				"<camunda:inputParameter name=\"template\">spring-sale<");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains(
				"Step 'Send getting-started email' (Task_SendGettingStartedEmail)", "'spring-sale'",
				"does not exist for email");
		assertThat(errorElements(problem)).contains("Task_SendGettingStartedEmail");
	}

	@Test
	void rejectsAWaitTheEngineCannotRead() throws IOException {
		String diagram = WELCOME.replace(">P2D<", ">2 days<");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText())
			.contains("Step '2 days passed' (Event_TwoDaysPassed) waits '2 days'", "P2D (2 days)");
		assertThat(errorElements(problem)).contains("Event_TwoDaysPassed");
	}

	/** What the Modeler writes when the duration field is left blank. */
	@Test
	void rejectsAWaitWithNoValue() throws IOException {
		String diagram = WELCOME.replace(
				"<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P2D</bpmn:timeDuration>",
				"<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\" />");

		assertThat(refusal(diagram)).contains("Step '2 days passed' (Event_TwoDaysPassed) has a timer with no value",
				"P2D (2 days)");
	}

	/** Read as "Send email" in the Modeler, the step would send an SMS. */
	@Test
	void rejectsAStepRunningAnotherStepThanItsTemplateShows() throws IOException {
		String diagram = WELCOME.replaceFirst(
				"(<bpmn:serviceTask id=\"Task_SendWelcomeEmail\"[^>]*)camunda:delegateExpression=\"\\$\\{sendEmail}\"",
				"$1camunda:delegateExpression=\"\\${sendSms}\"");
		assertThat(diagram).contains("${sendSms}\"");

		assertThat(refusal(diagram)).contains("Step 'Send welcome email' (Task_SendWelcomeEmail) shows the template"
				+ " 'parcours.send-email' in the Modeler but runs ${sendSms}, not ${sendEmail}");
	}

	/** A year count typed for a day count deploys as a wait nobody gets past. */
	@Test
	void rejectsAWaitOfMoreThanTenYears() throws IOException {
		assertThat(refusal(WELCOME.replace(">P2D<", ">P99999Y<")))
			.contains("Step '2 days passed' (Event_TwoDaysPassed) waits 'P99999Y', more than 10 years");
		assertThat(refusal(
				WELCOME.replace("<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P2D</bpmn:timeDuration>",
						"<bpmn:timeDate xsi:type=\"bpmn:tFormalExpression\">2199-01-01T09:00:00</bpmn:timeDate>")))
			.contains(
					"Step '2 days passed' (Event_TwoDaysPassed) waits until '2199-01-01T09:00:00', more than 10 years");
	}

	/** The engine waits for the first repetition only: "R3/P1D" plays as one day. */
	@Test
	void rejectsARepetitionOnAWaitThatHappensOnce() throws IOException {
		String diagram = WELCOME.replace(
				"<bpmn:timeDuration xsi:type=\"bpmn:tFormalExpression\">P2D</bpmn:timeDuration>",
				"<bpmn:timeCycle xsi:type=\"bpmn:tFormalExpression\">R3/P1D</bpmn:timeCycle>");

		assertThat(refusal(diagram)).contains(
				"Step '2 days passed' (Event_TwoDaysPassed) repeats on 'R3/P1D', but a contact passes a wait once",
				"P2D (2 days)");
	}

	@Test
	void rejectsARequiredFieldLeftEmptyAndAStepWithNoTemplateApplied() throws IOException {
		String diagram = WELCOME
			.replaceFirst("<camunda:inputParameter name=\"template\">welcome</camunda:inputParameter>", "")
			.replace("camunda:delegateExpression=\"${checkConsent}\"", "")
			.replace("<camunda:inputParameter name=\"template\">thank-you</camunda:inputParameter>",
					"<camunda:inputParameter name=\"template\" />");

		assertThat(refusal(diagram))
			.contains("Step 'Send welcome email' (Task_SendWelcomeEmail) has no 'template' field",
					"Step 'Check SMS consent' (Task_CheckSmsConsent) does nothing yet",
					"Step 'Send thank-you email' (Task_SendThankYouEmail) has no 'template' field")
			.doesNotContain("connect process engine plugin");
	}

	@Test
	void rejectsAnAbSplitOfAnExperimentThatMeasuresAnotherJourney() throws IOException {
		String diagram = WELCOME
			.replace("camunda:delegateExpression=\"${checkConsent}\"", "camunda:delegateExpression=\"${abSplit}\"")
			.replace("<camunda:inputParameter name=\"channel\">sms</camunda:inputParameter>",
					"<camunda:inputParameter name=\"experiment\">cart-reminder</camunda:inputParameter>");

		assertThat(refusal(diagram))
			.contains("Step 'Check SMS consent' (Task_CheckSmsConsent) splits contacts for experiment 'cart-reminder',"
					+ " which measures journey 'abandoned-cart'");
	}

	/** Listeners run without the checks of a step's template. */
	@Test
	void rejectsAParcoursStepCalledAsAListener() throws IOException {
		String diagram = WELCOME.replaceFirst(
				"(<bpmn:serviceTask id=\"Task_SendWelcomeEmail\"[^>]*>\\s*<bpmn:extensionElements>)",
				"$1<camunda:executionListener delegateExpression=\"\\${abSplit}\" event=\"end\" />");
		assertThat(diagram).contains("${abSplit}");

		assertThat(refusal(diagram)).contains(
				"Step 'Send welcome email' (Task_SendWelcomeEmail) has a listener calling ${abSplit}, a Parcours step");
	}

	/**
	 * The engine would run a loop without a wait for ever in one transaction, until the
	 * node runs out of memory.
	 */
	@Test
	void rejectsALoopOfStepsWithoutAWait() throws IOException {
		String diagram = WELCOME.replace("sourceRef=\"Gateway_ConsentedToSms\" targetRef=\"Task_SendCouponEmail\"",
				"sourceRef=\"Gateway_ConsentedToSms\" targetRef=\"Task_CheckSmsConsent\"");
		assertThat(diagram).isNotEqualTo(WELCOME);

		assertThat(refusal(diagram)).contains("These steps loop without a wait: 'Check SMS consent'"
				+ " (Task_CheckSmsConsent) → 'Consented to SMS?' (Gateway_ConsentedToSms)");
		// a loop through a step that starts on its own goes on in another transaction
		String throughASend = WELCOME.replace("sourceRef=\"Gateway_ConsentedToSms\" targetRef=\"Task_SendCouponEmail\"",
				"sourceRef=\"Gateway_ConsentedToSms\" targetRef=\"Task_SendWelcomeEmail\"");
		ResponseEntity<String> deployed = deploy("mia", "mia", Map.of("welcome.bpmn", throughASend));
		assertThat(deployed.getStatusCode()).as(deployed.getBody()).isEqualTo(HttpStatus.OK);
		deployments.add(json.readTree(deployed.getBody()).path("id").asText());
	}

	@Test
	void rejectsADecisionTableThatIsNotDeployed() throws IOException {
		String unknown = WELCOME.replace("camunda:delegateExpression=\"${checkConsent}\"",
				"camunda:decisionRef=\"no-such-decision\"");
		String known = WELCOME.replace("camunda:delegateExpression=\"${checkConsent}\"",
				"camunda:decisionRef=\"lead-fit\"");

		assertThat(refusal(unknown))
			.contains("Step 'Check SMS consent' (Task_CheckSmsConsent) evaluates decision table 'no-such-decision',"
					+ " which is not deployed");
		assertThat(refusal(known)).doesNotContain("evaluates decision table");
	}

	@Test
	void rejectsAFileThatIsNoWellFormedXmlWith400() throws IOException {
		String broken = WELCOME.replace("</bpmn:process>", "</bpmn:proces>");
		int line = broken.substring(0, broken.indexOf("</bpmn:proces>")).split("\n", -1).length;

		JsonNode problem = rejectedWelcome(broken);

		assertThat(problem.path("message").asText()).contains("'welcome.bpmn' is no well-formed BPMN file (line",
				"Open it in the Modeler");
		JsonNode error = problem.at("/details/welcome.bpmn/errors/0");
		assertThat(error.path("line").asInt()).as("the details locate the error: %s", problem).isEqualTo(line);
		assertThat(error.path("column").asInt()).isPositive();
	}

	/**
	 * The engine's built-in types run outside Parcours: a shell command with the engine's
	 * rights, or an external task no worker will ever take, in any spelling and on any
	 * element that takes one.
	 */
	@Test
	void rejectsTheEnginesBuiltInTaskTypes() throws IOException {
		String shell = WELCOME.replace("camunda:delegateExpression=\"${checkConsent}\"", "camunda:type=\"shell\"");
		String external = WELCOME.replace("camunda:delegateExpression=\"${checkConsent}\"",
				"camunda:type=\"External\" camunda:topic=\"check-consent\"");
		String externalEnd = WELCOME.replace("<bpmn:incoming>Flow_ToNoFirstOrder</bpmn:incoming>",
				"<bpmn:incoming>Flow_ToNoFirstOrder</bpmn:incoming>"
						+ "<bpmn:messageEventDefinition camunda:type=\"external\" camunda:topic=\"crm\" />");

		assertThat(refusal(shell))
			.contains("Step 'Check SMS consent' (Task_CheckSmsConsent) uses the engine's built-in 'shell' task type");
		assertThat(refusal(external)).contains("uses the engine's built-in 'External' task type");
		assertThat(refusal(externalEnd))
			.contains("of step 'No first order' (EndEvent_NoFirstOrder) uses the engine's built-in 'external'");
	}

	/** What the Modeler writes for a step bound as an expression with a hash. */
	@Test
	void aRequiredFieldIsCheckedWhateverTheDelegateExpressionsSpelling() throws IOException {
		String diagram = WELCOME
			.replaceFirst("camunda:delegateExpression=\"\\$\\{sendEmail}\"",
					"camunda:delegateExpression=\"#{sendEmail}\"")
			.replaceFirst("<camunda:inputParameter name=\"template\">welcome</camunda:inputParameter>", "");

		assertThat(refusal(diagram))
			.contains("Step 'Send welcome email' (Task_SendWelcomeEmail) has no 'template' field");
	}

	/** The shop's pool, drawn for the reader: the engine never runs it. */
	@Test
	void acceptsAPoolThatIsNotExecutable() throws IOException {
		String diagram = WELCOME.replace("<bpmndi:BPMNDiagram", """
				<bpmn:process id="Process_Shop" name="Shop" isExecutable="false">
				  <bpmn:sendTask id="Task_ShopSends" name="Send cart.abandoned event" />
				</bpmn:process>
				<bpmndi:BPMNDiagram""").replace("Send welcome email", "Send our welcome email");

		ResponseEntity<String> response = deploy("mia", "mia", Map.of("welcome.bpmn", diagram));

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		deployments.add(json.readTree(response.getBody()).path("id").asText());
	}

	@Test
	void aDecisionTableOrFormThatCannotBeReadIsRefusedWith400() throws IOException {
		assertThat(
				rejected(deploy("mia", "mia", Map.of("broken.dmn", "<definitions><decision id=\"x\">"))).path("message")
					.asText())
			.contains("'broken.dmn' is no well-formed decision table file");
		assertThat(rejected(deploy("mia", "mia", Map.of("other.dmn", "<foo/>"))).path("message").asText())
			.contains("'other.dmn' is no DMN decision table (its root element is 'foo'");
		JsonNode form = rejected(deploy("mia", "mia", Map.of("broken.form", "{\"id\": \"x\",\n \"type\" ")));
		assertThat(form.path("message").asText()).contains("'broken.form' is no well-formed Camunda Form (JSON)");
		assertThat(form.at("/details/broken.form/errors/0/line").asInt()).isEqualTo(2);
		JsonNode cut = rejected(deploy("mia", "mia", Map.of("cut.form", "{\"id\": \"my-review\", \"components\": [")));
		assertThat(cut.path("message").asText()).contains("(start marker at [line: 1, column: 35])")
			.doesNotContain("Source", "REDACTED", "StreamReadFeature");
	}

	/** Well-formed XML the DMN engine still cannot read: the engine alone answers 500. */
	@Test
	void aDecisionTableTheEngineCannotTransformIsRefusedWith400NamingWhy() throws IOException {
		String routing = Files.readString(Path.of("bpmn/lead-routing.dmn"), StandardCharsets.UTF_8);
		String noOutput = routing.replaceAll("<output [^>]*/>", "")
			.replaceAll("<outputEntry [^>]*>.*?</outputEntry>", "")
			.replace("lead-routing", "lead-routing-without-output");
		String foreignNamespace = routing.replace("https://www.omg.org/spec/DMN/20191111/MODEL/", "urn:not-dmn")
			.replace("lead-routing", "lead-routing-foreign");

		assertThat(rejected(deploy("mia", "mia", Map.of("welcome-as-table.dmn", WELCOME))).path("message").asText())
			.contains("'welcome-as-table.dmn' is no DMN decision table", "BPMN");
		JsonNode withoutOutput = rejected(deploy("mia", "mia", Map.of("routing.dmn", noOutput)));
		assertThat(withoutOutput.path("message").asText()).contains("'routing.dmn' cannot be read as a decision table",
				"output");
		assertThat(withoutOutput.at("/details/routing.dmn/errors/0/line").asInt()).as("%s", withoutOutput).isPositive();
		assertThat(rejected(deploy("mia", "mia", Map.of("routing.dmn", foreignNamespace))).path("message").asText())
			.contains("'routing.dmn' is no DMN decision table", "urn:not-dmn");
	}

	/**
	 * A promotion sent as transactional would skip the cap and carry no unsubscribe link.
	 */
	@Test
	void rejectsAMarketingMessageSentAsTransactional() throws IOException {
		String diagram = WELCOME.replaceFirst("<camunda:inputParameter name=\"category\">marketing<",
				"<camunda:inputParameter name=\"category\">transactional<");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains(
				"Step 'Send welcome email' (Task_SendWelcomeEmail) sends message template 'welcome' as transactional",
				"Pick the marketing category");
		assertThat(errorElements(problem)).containsExactly("Task_SendWelcomeEmail");
	}

	@Test
	void rejectsAChoiceFieldWithAValueParcoursDoesNotKnow() throws IOException {
		String diagram = WELCOME
			.replace("<camunda:inputParameter name=\"channel\">sms<", "<camunda:inputParameter name=\"channel\">fax<")
			.replaceFirst("<camunda:inputParameter name=\"category\">marketing<",
					"<camunda:inputParameter name=\"category\">promo<");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains(
				"Step 'Send welcome email' (Task_SendWelcomeEmail) names message category 'promo'",
				"marketing, transactional", "names channel 'fax'", "email, sms");
		assertThat(errorElements(problem)).contains("Task_SendWelcomeEmail", "Task_CheckSmsConsent");
	}

	/** An expression could name anything: another journey's experiment, no template. */
	@Test
	void rejectsAChoiceFieldComputedByAnExpression(CapturedOutput output) throws IOException {
		String diagram = WELCOME
			.replace("<camunda:inputParameter name=\"channel\">sms<",
					"<camunda:inputParameter name=\"channel\">${\"fax\"}<")
			.replace("<camunda:inputParameter name=\"template\">getting-started<",
					"<camunda:inputParameter name=\"template\">${\"spring-sale\"}<");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText())
			.contains("Step 'Send getting-started email' (Task_SendGettingStartedEmail) computes its 'template' field"
					+ " with an expression", "computes its 'channel' field", "pick one of the choices");
		assertThat(errorElements(problem)).contains("Task_SendGettingStartedEmail", "Task_CheckSmsConsent");
		assertThat(output.getAll()).as("a marketer's mistake is no error of the application")
			.doesNotContain("ENGINE-16004");
	}

	@Test
	void rejectsASendToContactsOfAMessageWrittenForSalesReps() throws IOException {
		String diagram = WELCOME.replace("<camunda:inputParameter name=\"template\">getting-started<",
				"<camunda:inputParameter name=\"template\">sales-hot-lead<");

		assertThat(refusal(diagram)).contains("'sales-hot-lead', which is written for sales reps");
		String byPath = WELCOME.replace("<camunda:inputParameter name=\"template\">getting-started<",
				"<camunda:inputParameter name=\"template\">../messages/sales-hot-lead<");
		assertThat(refusal(byPath)).contains("'../messages/sales-hot-lead', which does not exist");
	}

	/** Every sign-up would then wait, stored, for a journey that no longer takes it. */
	@Test
	void refusesANewVersionThatNoLongerStartsOnTheMessageTheEventsSend() throws IOException {
		String plainStart = WELCOME.replace(
				"<bpmn:messageEventDefinition id=\"StartEvent_SignedUp_Message\" messageRef=\"Message_SignedUp\" />",
				"");
		String renamed = WELCOME.replace("<bpmn:message id=\"Message_SignedUp\" name=\"SignedUp\" />",
				"<bpmn:message id=\"Message_SignedUp\" name=\"SignedUpV2\" />");

		for (String diagram : List.of(plainStart, renamed)) {
			assertThat(refusal(diagram)).contains("Journey 'welcome' no longer starts on message 'SignedUp'",
					"no contact would enter this version");
		}
	}

	/**
	 * The engine names the gateway and the way out by id only, and says not what to do.
	 */
	@Test
	void aWayOutWithoutConditionIsNamedAsTheMarketerSeesIt() throws IOException {
		String diagram = WELCOME.replace(
				"<bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">${smsConsent}</bpmn:conditionExpression>",
				"");

		assertThat(refusal(diagram))
			.contains("Gateway 'Consented to SMS?' (Gateway_ConsentedToSms) has a way out,"
					+ " 'yes' (Flow_SmsConsented), without condition", "Give it its condition in the Modeler")
			.doesNotContain("Exclusive Gateway 'Gateway_ConsentedToSms'");
	}

	@Test
	void refusesAChoiceLeftEmpty() throws IOException {
		String diagram = WELCOME.replaceFirst("<camunda:inputParameter name=\"category\">[a-z]+<",
				"<camunda:inputParameter name=\"category\"><");

		assertThat(refusal(diagram)).contains("leaves its 'category' field empty", "marketing, transactional");
	}

	@Test
	void refusesAFileNamedInCapitalsWhichTheEngineWouldNotRead() {
		ResponseEntity<String> refused = deploy("mia", "mia", Map.of("WELCOME.BPMN", WELCOME));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(refused.getBody()).contains("'WELCOME.BPMN' ends in capitals", "Rename the file");
	}

	/** The engine answers these with a 500 asking to read the server's logs. */
	@Test
	void refusesTwoFilesHoldingOneJourneyOrStartingOnOneMessageAndNamesTooLong() {
		String copy = WELCOME.replace("<bpmn:process id=\"welcome\"", "<bpmn:process id=\"spring-a\"")
			.replace("name=\"SignedUp\"", "name=\"SpringSignUp\"");
		ResponseEntity<String> sameJourney = deploy("mia", "mia", Map.of("a.bpmn", copy, "b.bpmn", copy));
		ResponseEntity<String> sameMessage = deploy("mia", "mia", Map.of("a.bpmn", copy, "b.bpmn",
				copy.replace("<bpmn:process id=\"spring-a\"", "<bpmn:process id=\"spring-b\"")));
		ResponseEntity<String> longName = deploy("mia", "mia",
				Map.of("a.bpmn", copy.replace("name=\"Welcome series\"", "name=\"" + "W".repeat(256) + "\"")));

		for (ResponseEntity<String> refused : List.of(sameJourney, sameMessage, longName)) {
			assertThat(refused.getStatusCode()).as(refused.getBody()).isEqualTo(HttpStatus.BAD_REQUEST);
		}
		assertThat(sameJourney.getBody()).contains("both hold journey 'spring-a'");
		assertThat(sameMessage.getBody()).contains("both start on message 'SpringSignUp'");
		assertThat(longName.getBody()).contains("journey name is longer than 255 characters");
		assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyIn("spring-a", "spring-b").count())
			.isZero();
	}

	/** Read whole, a diagram of a hundred megabytes filled the heap. */
	@Test
	void refusesADeploymentLargerThanTheServerReadsBeforeReadingIt() {
		String huge = WELCOME.replace("<bpmn:process ", "<!-- " + "x".repeat(17_000_000) + " --><bpmn:process ");

		ResponseEntity<String> refused = deploy("mia", "mia", Map.of("welcome.bpmn", huge));

		assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
		assertThat(refused.getBody()).contains("\"field\":\"body\"");
	}

	/** The engine uses the last of two inputs of one name: so do the checks. */
	@Test
	void checksTheInputTheEngineUsesWhenTheXmlGivesItTwice() throws IOException {
		String diagram = WELCOME.replace(
				"<camunda:inputParameter name=\"template\">getting-started</camunda:inputParameter>",
				"<camunda:inputParameter name=\"template\">getting-started</camunda:inputParameter>"
						+ "<camunda:inputParameter name=\"template\">sales-hot-lead</camunda:inputParameter>");
		assertThat(diagram).isNotEqualTo(WELCOME);

		assertThat(refusal(diagram)).contains("'sales-hot-lead', which is written for sales reps");
	}

	/** A "Send SMS" step sends SMS, whatever a channel input typed into it says. */
	@Test
	void anSmsStepIsCheckedForSmsWhateverAChannelInputSays() throws IOException {
		int sms = WELCOME.indexOf("id=\"Task_SendCouponSms\"");
		String diagram = WELCOME.substring(0, sms) + WELCOME.substring(sms)
			.replaceFirst(">first-order-coupon</camunda:inputParameter>",
					">welcome</camunda:inputParameter><camunda:inputParameter name=\"channel\">email</camunda:inputParameter>");
		assertThat(diagram).isNotEqualTo(WELCOME);

		assertThat(rejectedWelcome(diagram).path("message").asText()).contains("Task_SendCouponSms",
				"does not exist for sms");
	}

	@Test
	void rejectsAnObjectiveTheDashboardCannotMeasure() throws IOException {
		String diagram = WELCOME
			.replace("name=\"objective.kpi\" value=\"conversion-rate\"",
					"name=\"objective.kpi\" value=\"first-orders\"")
			.replace("name=\"objective.target\" value=\"0.15\"", "name=\"objective.target\" value=\"15 %\"");

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("objective.kpi 'first-orders' is no KPI",
				"conversion-rate", "objective.target '15 %' is no number", "0.15 for 15 %");
		assertThat(errorElements(problem)).contains("welcome");
	}

	@Test
	void rejectsAnObjectiveThatCouldNeverBeMetOrMeasured() throws IOException {
		assertThat(refusal(
				WELCOME.replace("name=\"objective.target\" value=\"0.15\"", "name=\"objective.target\" value=\"15\"")))
			.contains("objective.target '15' is no share for 'conversion-rate'", "between 0 and 1");
		assertThat(refusal(WELCOME.replace("name=\"objective.target\" value=\"0.15\"",
				"name=\"objective.target\" value=\"-0.5\"")))
			.contains("objective.target '-0.5' is no share");
		assertThat(refusal(WELCOME.replace("name=\"objective.kpi\" value=\"conversion-rate\"",
				"name=\"objective.kpi\" value=\" revenue \"")))
			.contains("objective.kpi ' revenue ' is no KPI");
		assertThat(refusal(WELCOME.replace("name=\"objective.kpi\" value=\"conversion-rate\"",
				"name=\"objective.kpi\" value=\"step-rate\"")))
			.contains("'step-rate' counts the contacts who reach a step: name it in objective.activity");
		assertThat(refusal(WELCOME.replace("<camunda:property name=\"objective.kpi\" value=\"conversion-rate\" />",
				"<camunda:property name=\"objective.kpi\" value=\"conversion-rate\" />"
						+ "<camunda:property name=\"experiment.key\" value=\"cart-reminder\" />")))
			.contains("experiment.key 'cart-reminder' measures journey 'abandoned-cart'");
		assertThat(refusal(WELCOME.replace("<camunda:property name=\"objective.kpi\" value=\"conversion-rate\" />",
				"<camunda:property name=\"objective.kpi\" value=\"conversion-rate\" />"
						+ "<camunda:property name=\"objective.kpi\" value=\"revenue\" />")))
			.contains("objective.kpi is given more than once");
		assertThat(refusal(WELCOME.replaceFirst("</camunda:properties>",
				"</camunda:properties><camunda:properties><camunda:property name=\"objective.kpi\" value=\"conversions\" />"
						+ "</camunda:properties>")))
			.contains("two <camunda:properties> blocks", "merge them into one");
	}

	/**
	 * A KPI the journey gives nothing to count would show "below target" for ever: leads
	 * handed to sales with no hand-off step, orders without waiting for one, recovered
	 * carts without a cart.
	 */
	@Test
	void rejectsAnObjectiveThisJourneyGivesNothingToMeasure() throws IOException {
		assertThat(refusal(WELCOME.replace("name=\"objective.kpi\" value=\"conversion-rate\"",
				"name=\"objective.kpi\" value=\"leads-handed-to-sales\"")))
			.contains(
					"objective.kpi 'leads-handed-to-sales' counts the leads reaching the step that hands them to sales",
					"no step of the journey does", "${handToSales}", "objective.activity");
		int orders = WELCOME.indexOf("<bpmn:subProcess id=\"SubProcess_OrderCompleted\"");
		int ordersEnd = WELCOME.indexOf("</bpmn:subProcess>") + "</bpmn:subProcess>".length();
		String neverWaitsForAnOrder = WELCOME.substring(0, orders) + WELCOME.substring(ordersEnd);
		assertThat(refusal(neverWaitsForAnOrder
			.replace("name=\"objective.kpi\" value=\"conversion-rate\"", "name=\"objective.kpi\" value=\"conversions\"")
			.replace("name=\"objective.target\" value=\"0.15\"", "name=\"objective.target\" value=\"40\"")))
			.contains("objective.kpi 'conversions' counts the orders", "never waits for one", "OrderCompleted");
		assertThat(refusal(WELCOME.replace("name=\"objective.kpi\" value=\"conversion-rate\"",
				"name=\"objective.kpi\" value=\"recovered-revenue\"")))
			.contains("objective.kpi 'recovered-revenue' counts recovered carts", "CartAbandoned", "pick revenue");
	}

	@Test
	void rejectsAnObjectiveStepOrAnExperimentThatDoesNotExist() throws IOException {
		String diagram = WELCOME.replace("<camunda:property name=\"objective.kpi\" value=\"conversion-rate\" />",
				"<camunda:property name=\"objective.kpi\" value=\"step-rate\" />"
						+ "<camunda:property name=\"objective.activity\" value=\"Task_SmsTypo\" />"
						+ "<camunda:property name=\"experiment.key\" value=\"spring-test\" />");

		assertThat(refusal(diagram)).contains("objective.activity 'Task_SmsTypo' is no step of this diagram",
				"experiment.key 'spring-test' is no experiment Parcours runs", "cart-reminder");
	}

	/**
	 * The engine's XML schema says "cvc-id.2: There are multiple occurrences of ID value"
	 * and names no element: the marketer gets the element and what to do.
	 */
	@Test
	void rejectsTwoElementsWithOneIdAndAFlowToNoElementNamingThem() throws IOException {
		JsonNode problem = rejectedWelcome(
				WELCOME.replace("id=\"Event_ThreeDaysPassed\"", "id=\"Event_TwoDaysPassed\""));

		assertThat(problem.path("message").asText())
			.contains("Two elements have the id 'Event_TwoDaysPassed' ('2 days passed', '3 more days passed'): give"
					+ " each its own id (Properties panel → General → ID)")
			.contains("The flow 'Flow_ToSecondWait' leads to 'Event_ThreeDaysPassed', which is not in the diagram",
					"The flow 'Flow_ToConsentCheck' comes from 'Event_ThreeDaysPassed'")
			.doesNotContain("cvc-");
		assertThat(errorElements(problem)).contains("Event_TwoDaysPassed", "Flow_ToSecondWait", "Flow_ToConsentCheck");
	}

	@Test
	void rejectsAnSmsStepWhoseTemplateHasNoSmsText() throws IOException {
		int sms = WELCOME.indexOf("id=\"Task_SendCouponSms\"");
		String diagram = WELCOME.substring(0, sms)
				+ WELCOME.substring(sms).replaceFirst(">first-order-coupon<", ">welcome<");
		assertThat(diagram).isNotEqualTo(WELCOME);

		JsonNode problem = rejectedWelcome(diagram);

		assertThat(problem.path("message").asText()).contains("Task_SendCouponSms", "does not exist for sms");
	}

	@Test
	void rejectsAUserTaskShowingAFormThatIsNotDeployed() throws IOException {
		JsonNode problem = rejected(deploy("mia", "mia", Map.of("call-back.bpmn", callBack("no-such-form"))));

		assertThat(problem.path("message").asText()).contains("Step 'Call the lead back' (Task_CallBack)",
				"form 'no-such-form'", "not deployed");
		assertThat(errorElements(problem)).contains("Task_CallBack");
	}

	@Test
	void acceptsAFormDeployedAlongsideTheDiagram() throws IOException {
		String form = """
				{ "id": "call-back-notes", "type": "default", "schemaVersion": 16,
				  "components": [ { "key": "notes", "label": "Notes", "type": "textarea" } ] }""";

		ResponseEntity<String> response = deploy("mia", "mia",
				Map.of("call-back.bpmn", callBack("call-back-notes"), "call-back-notes.form", form));

		assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.OK);
		deployments.add(json.readTree(response.getBody()).path("id").asText());
	}

	/**
	 * The b2b journey shows the latest "qualify-lead" form: a marketer's version would
	 * change what sales reps see, on their open tasks too. Deployed unchanged alongside
	 * the diagram, as the Modeler does, it is accepted.
	 */
	@Test
	void onlyOpsReplaceAFormParcoursShips() throws IOException {
		String shipped = Files.readString(Path.of("forms/qualify-lead.form"), StandardCharsets.UTF_8);
		String emptied = "{\"type\": \"default\", \"id\": \"qualify-lead\", \"components\": []}";

		assertThat(rejected(deploy("mia", "mia", Map.of("q.form", emptied))).path("message").asText())
			.contains("'q.form' has the id 'qualify-lead' of a form Parcours ships", "only ops (camunda-admin)");
		ResponseEntity<String> unchanged = deploy("mia", "mia", Map.of("qualify-lead.form", shipped));
		assertThat(unchanged.getStatusCode()).as(unchanged.getBody()).isEqualTo(HttpStatus.OK);
		deployments.add(json.readTree(unchanged.getBody()).path("id").asText());
		assertThat(shipped).contains("\"schemaVersion\": 16");
		ResponseEntity<String> byOps = deploy("demo", "demo", Map.of("qualify-lead.form",
				shipped.replace("\"schemaVersion\": 16", "\"schemaVersion\": 16, \"note\": \"ops\"")));
		assertThat(byOps.getStatusCode()).as(byOps.getBody()).isEqualTo(HttpStatus.OK);
		deployments.add(json.readTree(byOps.getBody()).path("id").asText());
	}

	/** Why a marketer's deployment of the diagram as the welcome journey is refused. */
	private String refusal(String diagram) throws IOException {
		return rejectedWelcome(diagram).path("message").asText();
	}

	/** The refusal of a marketer's deployment of the diagram as the welcome journey. */
	private JsonNode rejectedWelcome(String diagram) throws IOException {
		return rejected(deploy("mia", "mia", Map.of("welcome.bpmn", diagram)));
	}

	private JsonNode rejected(ResponseEntity<String> response) throws IOException {
		assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
		JsonNode problem = json.readTree(response.getBody());
		assertThat(problem.path("type").asText()).isEqualTo("ParseException");
		// the Modeler recognises a diagram problem by this prefix and shows the message
		assertThat(problem.path("message").asText()).startsWith("ENGINE-09005 Could not parse BPMN process.")
			.doesNotContain("\tat ", "Exception:");
		return problem;
	}

	private static List<String> errorElements(JsonNode problem) {
		List<String> ids = new ArrayList<>();
		problem.path("details")
			.elements()
			.forEachRemaining(resource -> resource.path("errors")
				.forEach(error -> ids.add(error.path("mainElementId").asText())));
		return ids;
	}

	/** The Camunda Modeler's deploy request (CamundaAPI.deployDiagram, Camunda 7). */
	private ResponseEntity<String> deploy(String user, String password, Map<String, String> files) {
		return deploy(user, password, files, Map.of());
	}

	private ResponseEntity<String> deploy(String user, String password, Map<String, String> files,
			Map<String, String> dialogFields) {
		var form = new LinkedMultiValueMap<String, Object>();
		dialogFields.forEach(form::add);
		form.add("deployment-name", "journey from the Modeler");
		form.add("deployment-source", "Camunda Modeler");
		form.add("enable-duplicate-filtering", "true");
		files.forEach((name, content) -> {
			HttpHeaders part = new HttpHeaders();
			part.setContentType(name.endsWith(".bpmn") ? MediaType.TEXT_XML : MediaType.APPLICATION_OCTET_STREAM);
			form.add(name, new HttpEntity<>(new NamedBytes(content, name), part));
		});
		HttpHeaders headers = new HttpHeaders();
		headers.setBasicAuth(user, password);
		headers.setAccept(List.of(MediaType.APPLICATION_JSON));
		headers.setContentType(MediaType.MULTIPART_FORM_DATA);
		return rest.postForEntity("/engine-rest/deployment/create", new HttpEntity<>(form, headers), String.class);
	}

	private int latestWelcomeVersion() {
		return repository.createProcessDefinitionQuery()
			.processDefinitionKey("welcome")
			.latestVersion()
			.singleResult()
			.getVersion();
	}

	private ProcessInstance instance(String id) {
		return runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
	}

	private static String callBack(String formRef) {
		return """
				<?xml version="1.0" encoding="UTF-8"?>
				<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
				    xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_CallBack" targetNamespace="https://parcours.dev/journeys">
				  <bpmn:process id="call-back-test" name="Call back" isExecutable="true" camunda:historyTimeToLive="P180D">
				    <bpmn:startEvent id="StartEvent_Requested" name="Call requested" />
				    <bpmn:userTask id="Task_CallBack" name="Call the lead back" camunda:formRef="%s" camunda:formRefBinding="latest" />
				    <bpmn:endEvent id="EndEvent_Called" name="Called" />
				    <bpmn:sequenceFlow id="Flow_ToCall" sourceRef="StartEvent_Requested" targetRef="Task_CallBack" />
				    <bpmn:sequenceFlow id="Flow_ToEnd" sourceRef="Task_CallBack" targetRef="EndEvent_Called" />
				  </bpmn:process>
				</bpmn:definitions>"""
			.formatted(formRef);
	}

	private static String readWelcome() {
		try {
			return Files.readString(Path.of("bpmn/welcome.bpmn"), StandardCharsets.UTF_8);
		}
		catch (IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** A file part, as the Modeler's FormData sends it: the part's file name is set. */
	static final class NamedBytes extends ByteArrayResource {

		private final String name;

		NamedBytes(String content, String name) {
			super(content.getBytes(StandardCharsets.UTF_8));
			this.name = name;
		}

		@Override
		public String getFilename() {
			return name;
		}

	}

}
