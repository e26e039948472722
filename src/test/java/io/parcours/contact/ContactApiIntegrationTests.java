package io.parcours.contact;

import static org.hamcrest.Matchers.containsString;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;
import io.parcours.channel.Messages;
import io.parcours.TestContacts;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.batch.Batch;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.task.Task;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionTemplate;

@ParcoursTest
class ContactApiIntegrationTests {

	@Autowired
	ObjectMapper json;

	@Autowired
	MockMvc mvc;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Autowired
	TaskService tasks;

	@Autowired
	IdentityService identity;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	Messages marketingHistory;

	@Test
	void putCreatesThenReplacesAContactWithItsPhoneInE164() throws Exception {
		String id = TestContacts.newId("c");
		putContact(id, """
				{"email": "lea@example.com", "phone": "+33 6 12 34 56 78", "firstName": "Léa", "locale": "fr-FR",
				 "timeZone": "Europe/Paris", "consents": {"email": true, "sms": false}}""")
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.phone").value("+33612345678"))
			.andExpect(jsonPath("$.consents.email.granted").value(true))
			.andExpect(jsonPath("$.consents.email.source").value("api:mia"))
			.andExpect(jsonPath("$.consents.sms.granted").value(false))
			.andExpect(jsonPath("$.lifecycleStage").value("subscriber"));

		putContact(id, """
				{"email": "lea@example.org", "locale": "en-GB", "timeZone": "Europe/London"}""")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.email").value("lea@example.org"))
			.andExpect(jsonPath("$.phone").doesNotExist())
			.andExpect(jsonPath("$.consents.email.granted").value(true));

		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("sam", "sam"))).andExpect(status().isForbidden());
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.timeZone").value("Europe/London"))
			.andExpect(jsonPath("$.ordersCount").value(0));
	}

	@Test
	void putRefusesBadDetailsNamingTheField() throws Exception {
		putContact("c-bad", "{\"phone\": \"+33 1\"}").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("phone"));
		putContact("c-bad", "{\"email\": \"not-an-email\"}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("email"));
		// well formed, yet no language (or region) a template could be written for
		// well formed and known, but longer than a contact's locale holds
		for (String unknown : List.of("??", "klingon", "xx-YY", "fr-ZZ", "qq",
				"de-DE-u-co-phonebk-ca-gregory-nu-latn")) {
			putContact("c-bad", "{\"locale\": \"" + unknown + "\"}").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("locale"));
		}
		for (String known : List.of("fr-FR", "en", "es-419", "pt-BR", "de-CH")) {
			putContact("c-locale-" + known, "{\"locale\": \"" + known + "\"}").andExpect(status().is2xxSuccessful());
		}
		for (String unreachable : List.of("a@b", "ana@localhost", "ana@[127.0.0.1]", "ana@127.0.0.1", "ana@example.123",
				"\\\"a b\\\"@example.com")) {
			putContact("c-bad", "{\"email\": \"" + unreachable + "\"}").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("email"))
				.andExpect(jsonPath("$.errors[0].message").value(containsString("internet address")));
		}
		putContact(TestContacts.newId("c"), "{\"email\": \"o'neil+news@123.mail2.example.co.uk\"}")
			.andExpect(status().isCreated());
		putContact("c-bad", "{\"consents\": {\"email\": null}}").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("consents.email"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("true or false")));
		for (String name : List.of("Ana\\r\\nBcc: x@example.com", "An\\u0000a", "Ana\\u001b[31m", "Ana\\u0085")) {
			putContact("c-bad", "{\"firstName\": \"" + name + "\"}").andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("firstName"))
				.andExpect(jsonPath("$.errors[0].message").value(Matchers.containsString("control character")));
		}
	}

	@Test
	void anIdThatWouldIdentifyThePersonOnItsOwnIsRefused() throws Exception {
		String body = "{\"email\": \"lea@example.com\", \"consents\": {\"email\": true}}";
		for (String id : List.of("lea@example.com", "Lea Smith <lea.smith@example.com>", "lea@example.com@",
				"+33 6 12 34 56 78", "tel:+33612345678", "0033612345678", "test-run:1234abcd", "x".repeat(150))) {
			putContact(id, body).andExpect(status().isBadRequest())
				.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
				.andExpect(jsonPath("$.errors[0].field").value("id"));
		}
		putContact("4711084212", body).andExpect(status().isCreated());
		putContact("000004711084212", body).andExpect(status().isCreated());
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "contact.signed_up", "contactId": "ana@example.com",
					 "contact": {"email": "ana@example.com", "consents": {"email": true}}}"""
				.formatted(TestContacts.newId("evt"))))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("contactId"));
	}

	/** Every contact accepted can be read and erased through /api/contacts/{id}. */
	@Test
	void anIdNoUrlPathCanCarryIsRefusedAndEveryOtherIsAddressable() throws Exception {
		for (String id : List.of("gid://shopify/Customer/7001", "acct;42", "acct\\42", "x%2Fy", "x\ny", "..", ".",
				"c-LONE-HIGH", "c-LONE-LOW", "ls\u2028id", "ps\u2029id", " lead", "lead ", "\u00a0", "lead\u00a0",
				"le\u200bad", "\ufeff7001", "e\u0301le\u0300ve", "")) {
			// half of a UTF-16 pair, as JSON escapes it
			String event = json
				.writeValueAsString(Map.of("id", TestContacts.newId("evt"), "type", "contact.signed_up", "contactId",
						id, "contact", Map.of("consents", Map.of("email", false))))
				.replace("LONE-HIGH", "\\ud800")
				.replace("LONE-LOW", "\\udfff");
			mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(event))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("contactId"))
				// an empty id is also blank: both are said, in no set order
				.andExpect(jsonPath("$.errors[*].message",
						org.hamcrest.Matchers.hasItem(org.hamcrest.Matchers.containsString("URL"))));
		}
		String unusual = "Shop 1 #7001 (ÉTÉ) & co.+x=y?z";
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json.writeValueAsString(Map.of("id", TestContacts.newId("evt"), "type", "contact.signed_up",
					"contactId", unusual, "contact", Map.of("consents", Map.of("email", false))))))
			.andExpect(status().isAccepted());
		mvc.perform(get("/api/contacts/{id}", unusual).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(unusual));
		mvc.perform(delete("/api/contacts/{id}", unusual).with(httpBasic("mia", "mia")))
			.andExpect(status().isNoContent());
	}

	@Test
	void anUnknownContactIsNotFound() throws Exception {
		mvc.perform(get("/api/contacts/{id}", "nobody").with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Unknown contact"));
		mvc.perform(delete("/api/contacts/{id}", "nobody").with(httpBasic("mia", "mia")))
			.andExpect(status().isNotFound());
	}

	@Test
	void salesRepsCannotChangeOrEraseContacts() throws Exception {
		mvc.perform(put("/api/contacts/{id}", "c-x").with(httpBasic("sam", "sam"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{}")).andExpect(status().isForbidden());
		mvc.perform(delete("/api/contacts/{id}", "c-x").with(httpBasic("sam", "sam")))
			.andExpect(status().isForbidden());
	}

	@Test
	void erasingAContactLeavesNoEmailPhoneOrNameAnywhereEngineHistoryIncluded() throws Exception {
		String id = TestContacts.newId("c");
		String email = "zoe.erasable." + id + "@example.com";
		String phone = "+33698761234";
		String name = "Zoéerasable";
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
							 "contact": {"email": "%s", "phone": "%s", "firstName": "%s", "consents": {"email": true, "sms": true}}}"""
						.formatted(TestContacts.newId("e"), id, email, phone, name)))
			.andExpect(status().isAccepted());
		String journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
		management.executeJob(management.createJobQuery().processInstanceId(journey).singleResult().getId());
		// a provider's error recorded before Parcours took the address out of such texts
		jdbc.sql("update message set reason = ? where contact_id = ?")
			.params("SendGrid answered 400: " + email + " is blocked", id)
			.update();
		assertThat(placesHolding(email, phone, name)).isNotEmpty();

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNoContent());

		assertThat(placesHolding(email, phone, name)).isEmpty();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNotFound());
		assertThat(jdbc.sql("select count(*) from message where contact_id = ?").param(id).query(Long.class).single())
			.as("the person's messages are kept for the figures, no longer under the id")
			.isZero();
	}

	/**
	 * Whoever signs up with an erased person's id is someone new: the messages sent to
	 * the person before do not count against the newcomer's frequency cap, and neither
	 * their journeys nor their messages show on the newcomer's pages; the figures still
	 * count both.
	 */
	@Test
	void anIdSigningUpAfterItsPersonWasErasedStartsWithNothingOfTheirs() throws Exception {
		String id = TestContacts.newId("c");
		signUp(id, "first.person@example.com");
		String firstJourney = runtime.createProcessInstanceQuery()
			.processInstanceBusinessKey(id)
			.singleResult()
			.getId();
		management.executeJob(management.createJobQuery().processInstanceId(firstJourney).singleResult().getId());
		Instant before = Instant.now().minusSeconds(60);
		assertThat(marketingHistory.sentSince(id, before)).isOne();

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNoContent());
		signUp(id, "second.person@example.com");

		assertThat(marketingHistory.sentSince(id, before)).isZero();
		mvc.perform(get("/api/contacts/{id}/messages", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(content().json("[]"));
		mvc.perform(get("/api/contacts/{id}/journeys", id).with(httpBasic("mia", "mia")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.journeys.length()").value(1))
			.andExpect(jsonPath("$.journeys[0].processInstanceId").value(not(firstJourney)));
		String erasedAs = jdbc.sql("select BUSINESS_KEY_ from ACT_HI_PROCINST where ID_ = ?")
			.param(firstJourney)
			.query(String.class)
			.single();
		assertThat(erasedAs).startsWith(ContactErased.PREFIX);
		assertThat(jdbc.sql("select count(*) from message where contact_id = ?")
			.param(erasedAs)
			.query(Long.class)
			.single()).isOne();
	}

	private void signUp(String id, String email) throws Exception {
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "contact.signed_up", "contactId": "%s",
					 "contact": {"email": "%s", "consents": {"email": true}}}""".formatted(TestContacts.newId("e"), id,
					email)))
			.andExpect(status().isAccepted());
	}

	/**
	 * A second erasure request answered 404 (the first one erased the person) changes
	 * nothing: here the journey of a contact whose row is not there (yet, as when the id
	 * signs up anew at that moment) stays.
	 */
	@Test
	void anErasureOfAnUnknownContactChangesNothing() throws Exception {
		String id = TestContacts.newId("c");
		runtime.startProcessInstanceByKey("welcome", id, Map.of("contactId", id));

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNotFound());

		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isOne();
	}

	/**
	 * An id PUT refuses is refused where it is asked for too, not answered as a contact
	 * with nothing yet; an id with no contact and nothing recorded is no contact (404).
	 */
	@Test
	void anIdNoContactCanHaveIsRefusedAndAnUnknownOneIsNotFoundOnItsListsToo() throws Exception {
		for (String part : List.of("/messages", "/journeys", "")) {
			mvc.perform(get("/api/contacts/{id}" + part, "7001\u200b").with(httpBasic("mia", "mia")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value(part.isEmpty() ? "id" : "contactId"));
			mvc.perform(get("/api/contacts/{id}" + part, "ana@example.com").with(httpBasic("mia", "mia")))
				.andExpect(status().isBadRequest());
			mvc.perform(get("/api/contacts/{id}" + part, TestContacts.newId("nobody")).with(httpBasic("mia", "mia")))
				.andExpect(status().isNotFound());
		}
	}

	/**
	 * "élève" asked for with its accents as separate marks is not the contact "élève":
	 * refused, not answered "no such contact" as if the person did not exist.
	 */
	@Test
	void anIdWithSeparateAccentMarksIsRefusedWhereverItIsAskedFor() throws Exception {
		String composed = "\u00e9l\u00e8ve-" + TestContacts.newId("c");
		putContact(composed, "{\"firstName\": \"Ana\"}").andExpect(status().isCreated());
		String decomposed = java.text.Normalizer.normalize(composed, java.text.Normalizer.Form.NFD);

		mvc.perform(get("/api/contacts/{id}", decomposed).with(httpBasic("mia", "mia")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		mvc.perform(delete("/api/contacts/{id}", decomposed).with(httpBasic("mia", "mia")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("id"));
		for (String part : List.of("messages", "journeys")) {
			mvc.perform(get("/api/contacts/{id}/" + part, decomposed).with(httpBasic("mia", "mia")))
				.andExpect(status().isBadRequest())
				.andExpect(jsonPath("$.errors[0].field").value("contactId"));
		}
		mvc.perform(get("/api/contacts/{id}", composed).with(httpBasic("mia", "mia"))).andExpect(status().isOk());
	}

	/**
	 * The journey's job taken by the job executor (its revision raised) while the erasure
	 * deletes it: the erasure, rolled back by the engine's optimistic locking, runs again
	 * and erases the person.
	 */
	@Test
	void anErasureCollidingWithTheJourneyRunsAgainAndErases() throws Exception {
		String id = TestContacts.newId("c");
		putContact(id, "{\"email\": \"" + id + "@example.com\", \"consents\": {\"email\": true}}")
			.andExpect(status().isCreated());
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "contact.signed_up", "contactId": "%s"}""".formatted(TestContacts.newId("e"),
					id)))
			.andExpect(status().isAccepted());
		String journey = runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
		CountDownLatch taken = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			Future<?> acquisition = threads.submit(() -> transactions.executeWithoutResult(status -> {
				jdbc.sql("update act_ru_job set rev_ = rev_ + 1 where process_instance_id_ = ?")
					.param(journey)
					.update();
				taken.countDown();
				awaitQuietly(release);
			}));
			assertThat(taken.await(10, TimeUnit.SECONDS)).isTrue();
			Future<Integer> erasure = threads
				.submit(() -> mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
					.andReturn()
					.getResponse()
					.getStatus());
			// the erasure reads the job as it was, then waits for its row
			Thread.sleep(500);
			release.countDown();
			acquisition.get(10, TimeUnit.SECONDS);

			assertThat(erasure.get(20, TimeUnit.SECONDS)).isEqualTo(204);
		}
		finally {
			release.countDown();
			threads.shutdownNow();
		}
		mvc.perform(get("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNotFound());
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).count()).isZero();
	}

	/**
	 * The contact erased between a PUT's check that it exists and its lock: the PUT
	 * creates it anew.
	 */
	@Test
	void aPutRacingAnErasureCreatesTheContactAnew() throws Exception {
		for (int round = 0; round < 20; round++) {
			String id = TestContacts.newId("c");
			putContact(id, "{\"firstName\": \"Ana\"}").andExpect(status().isCreated());
			ExecutorService threads = Executors.newFixedThreadPool(4);
			try {
				List<Future<Integer>> answers = new ArrayList<>();
				for (int call = 0; call < 4; call++) {
					boolean erase = call % 2 == 0;
					answers.add(threads.submit(
							() -> (erase ? mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia")))
									: putContact(id, "{\"firstName\": \"Bea\"}"))
								.andReturn()
								.getResponse()
								.getStatus()));
				}
				for (Future<Integer> answer : answers) {
					assertThat(answer.get(20, TimeUnit.SECONDS)).isIn(200, 201, 204, 404);
				}
			}
			finally {
				threads.shutdownNow();
			}
		}
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await(20, TimeUnit.SECONDS);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void erasingALeadDeletesItsDecisionHistoryAndWhatOpsAndRepsWroteAboutIt() throws Exception {
		String id = TestContacts.newId("c");
		String jobTitle = "Head of Erasable " + id;
		String note = "Called her private mobile " + id;
		String journey = hotLead(id, jobTitle);
		Task task = tasks.createTaskQuery().processInstanceId(journey).singleResult();
		String typed = "zoe.private." + id + "@example.com";
		// her address typed where a sales team's name goes, before groups that do not
		// exist
		// were refused
		tasks.addCandidateGroup(task.getId(), "sales-" + typed);
		identity.setAuthentication("demo", List.of("camunda-admin"));
		try {
			tasks.createComment(null, journey, note);
			tasks.createComment(task.getId(), null, "On the task: " + typed);
			tasks.createAttachment("text/plain", task.getId(), null, "Card " + typed, "About " + typed,
					new ByteArrayInputStream(("Card of " + typed).getBytes(StandardCharsets.UTF_8)));
			Task described = tasks.createTaskQuery().taskId(task.getId()).singleResult();
			described.setDescription("Call " + typed);
			tasks.saveTask(described);
			String incident = runtime
				.createIncident("customer-callback", waitingExecution(journey), "Callback " + typed,
						"Call back " + typed)
				.getId();
			runtime.setAnnotationForIncidentById(incident, "She asked: " + note);
		}
		finally {
			identity.clearAuthentication();
		}
		assertThat(placesHolding(jobTitle, note, typed)).isNotEmpty();

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNoContent());

		assertThat(placesHolding(jobTitle, note, typed)).isEmpty();
	}

	/**
	 * Ops cancelling a lead's journey as a batch, with a reason naming the person: the
	 * batch's operation-log entry names no journey, only the same reason does.
	 */
	@Test
	void erasingAContactDeletesTheReasonOpsGaveForCancellingTheirJourney() throws Exception {
		String id = TestContacts.newId("c");
		String journey = hotLead(id, "CTO");
		assertThat(tasks.createTaskQuery().processInstanceId(journey).count()).isOne();
		String reason = "Duplicate of Zoé Cancelled, zoe.cancelled." + id + "@example.com";
		Batch cancel = cancelledAsABatchByOps(journey, reason);
		for (String definition : List.of(cancel.getSeedJobDefinitionId(), cancel.getBatchJobDefinitionId(),
				cancel.getMonitorJobDefinitionId())) {
			management.createJobQuery()
				.jobDefinitionId(definition)
				.list()
				.forEach(job -> management.executeJob(job.getId()));
		}
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(journey).count()).isZero();
		assertThat(management.createBatchQuery().batchId(cancel.getId()).count()).as("batch done").isZero();
		assertThat(placesHolding(reason)).contains("ACT_HI_PROCINST.DELETE_REASON_", "ACT_HI_TASKINST.DELETE_REASON_",
				"ACT_HI_OP_LOG.NEW_VALUE_");

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNoContent());

		assertThat(placesHolding(reason)).isEmpty();
	}

	/**
	 * The person erased while ops' batch still runs: the batch keeps its settings, the
	 * reason among them, until it is done; a batch whose jobs fail, for ever.
	 */
	@Test
	void erasingAContactDeletesTheReasonFromABatchStillRunning() throws Exception {
		String id = TestContacts.newId("c");
		String journey = hotLead(id, "CTO");
		String reason = "Asked by phone, Wilhelmina " + id + ", +33698761277";
		Batch cancel = cancelledAsABatchByOps(journey, reason);
		management.createJobQuery()
			.jobDefinitionId(cancel.getSeedJobDefinitionId())
			.list()
			.forEach(job -> management.executeJob(job.getId()));
		assertThat(placesHolding(reason)).contains("ACT_GE_BYTEARRAY.BYTES_");

		mvc.perform(delete("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))).andExpect(status().isNoContent());

		assertThat(placesHolding(reason)).isEmpty();
		// the batch still works: its jobs run and it ends
		for (String definition : List.of(cancel.getBatchJobDefinitionId(), cancel.getMonitorJobDefinitionId())) {
			management.createJobQuery()
				.jobDefinitionId(definition)
				.list()
				.forEach(job -> management.executeJob(job.getId()));
		}
		assertThat(management.createBatchQuery().batchId(cancel.getId()).count()).as("batch done").isZero();
	}

	private Batch cancelledAsABatchByOps(String journey, String reason) {
		identity.setAuthentication("demo", List.of("camunda-admin"));
		try {
			return runtime.deleteProcessInstancesAsync(List.of(journey), reason);
		}
		finally {
			identity.clearAuthentication();
		}
	}

	/** A lead who asked for a demo: its journey waits at "Qualify hot lead". */
	private String hotLead(String id, String jobTitle) throws Exception {
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("""
					{"id": "%s", "type": "lead.created", "contactId": "%s",
					 "contact": {"email": "lead.%s@example.com", "consents": {"email": true}},
					 "properties": {"company": "Acme", "jobTitle": "%s", "companySize": 400, "industry": "SaaS",
					                "country": "FR", "source": "webinar"}}""".formatted(TestContacts.newId("e"), id, id,
					jobTitle)))
			.andExpect(status().isAccepted());
		mvc.perform(post("/api/events").with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(
					"""
							{"id": "%s", "type": "lead.activity", "contactId": "%s", "properties": {"activity": "demo_requested"}}"""
						.formatted(TestContacts.newId("e"), id)))
			.andExpect(status().isAccepted());
		return runtime.createProcessInstanceQuery().processInstanceBusinessKey(id).singleResult().getId();
	}

	/** The execution of the journey that waits in an activity (an incident needs one). */
	private String waitingExecution(String journey) {
		return runtime.createExecutionQuery()
			.processInstanceId(journey)
			.list()
			.stream()
			.filter(execution -> ((ExecutionEntity) execution).getActivityId() != null)
			.findFirst()
			.orElseThrow()
			.getId();
	}

	private org.springframework.test.web.servlet.ResultActions putContact(String id, String json) throws Exception {
		return mvc.perform(put("/api/contacts/{id}", id).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content(json));
	}

	/**
	 * Every text and binary column of every table, ours and the engine's, that still
	 * holds one of the values.
	 */
	private List<String> placesHolding(String... values) {
		List<String> places = new ArrayList<>();
		List<String[]> columns = jdbc.sql("""
				select table_name, column_name, data_type from information_schema.columns
				where table_schema = 'PUBLIC'""")
			.query((rs, row) -> new String[] { rs.getString(1), rs.getString(2), rs.getString(3) })
			.list();
		for (String[] column : columns) {
			String type = column[2].toUpperCase();
			for (String value : values) {
				if (type.contains("CHAR") || type.contains("CLOB")) {
					Integer hits = jdbc
						.sql("select count(*) from \"" + column[0] + "\" where cast(\"" + column[1]
								+ "\" as varchar) like ?")
						.param("%" + value + "%")
						.query(Integer.class)
						.single();
					if (hits > 0) {
						places.add(column[0] + "." + column[1]);
					}
				}
				else if (type.contains("BINARY") || type.contains("BLOB")) {
					jdbc.sql("select \"" + column[1] + "\" from \"" + column[0] + "\" where \"" + column[1]
							+ "\" is not null")
						.query((rs, row) -> rs.getBytes(1))
						.list()
						.stream()
						.filter(bytes -> new String(bytes, StandardCharsets.UTF_8).contains(value))
						.findAny()
						.ifPresent(bytes -> places.add(column[0] + "." + column[1]));
				}
			}
		}
		return places;
	}

}
