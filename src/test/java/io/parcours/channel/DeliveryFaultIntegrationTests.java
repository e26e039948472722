package io.parcours.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactErased;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A node killed at each point of a send, then the step's job run again as another node
 * would run it once the lock expires: WireMock counts what the contact received. Also
 * rate limits: a 429 is retried, not before the provider's Retry-After.
 */
class DeliveryFaultIntegrationTests extends WithFakeProviders {

	@Autowired
	MockMvc mvc;

	@Autowired
	UnsettledMessages unsettled;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Delivery delivery;

	/** Where the node dies. */
	enum KillPoint {

		BEFORE_THE_CALL, DURING_THE_CALL

	}

	@Test
	void killedBeforeTheProviderCallTheMessageIsNeverSentAndCountedAsUnknown() throws Exception {
		Contact contact = sendGridAccepting();
		String instance = startSendStep(contact, "sendEmail", "welcome", "marketing");
		killSends(KillPoint.BEFORE_THE_CALL);
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(NodeKilled.class);

		restart(instance);

		assertThat(requestsTo(SENDGRID)).isZero();
		MessageRecord message = messages.ofContact(contact.id()).get(0);
		assertThat(message.status()).isEqualTo(MessageStatus.UNKNOWN);
		mvc.perform(get("/api/messages?status=unknown&limit=1000").with(httpBasic("demo", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[?(@.id == '%s')].status", message.id()).value("unknown"));
		mvc.perform(get("/api/messages/counts").with(httpBasic("demo", "demo")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.unknown").value(messages.count(MessageStatus.UNKNOWN)));
	}

	@Test
	void killedDuringTheProviderCallTheContactReceivesItOnce() {
		Contact contact = sendGridAccepting();
		String instance = startSendStep(contact, "sendEmail", "welcome", "marketing");
		killSends(KillPoint.DURING_THE_CALL);
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(NodeKilled.class);

		restart(instance);

		assertReceived(contact, 1, MessageStatus.UNKNOWN);
	}

	/**
	 * An order ended the journey while the call was in flight, then the node died: no job
	 * comes back to the message, which is settled as unknown once it has stayed untouched
	 * longer than any call lasts; one of a journey still running is left to its job.
	 */
	@Test
	void killedDuringTheCallOfAJourneyThatEndedTheMessageIsSettledAsUnknown() {
		Contact ended = sendGridAccepting();
		Contact running = daytimeContact();
		String endedJourney = startSendStep(ended, "sendEmail", "welcome", "marketing");
		String runningJourney = startSendStep(running, "sendEmail", "welcome", "marketing");
		killSends(KillPoint.DURING_THE_CALL);
		for (String journey : List.of(endedJourney, runningJourney)) {
			assertThatThrownBy(() -> management.executeJob(jobOf(journey).getId())).isInstanceOf(NodeKilled.class);
		}
		runtime.deleteProcessInstance(endedJourney, "the contact ordered");

		unsettled.settle();
		assertThat(messages.ofContact(ended.id()).get(0).status()).as("the call may still be in flight")
			.isEqualTo(MessageStatus.SENDING);
		clock.moveTo(clock.instant().plus(UnsettledMessages.QUIET_FOR).plusSeconds(60));
		unsettled.settle();

		assertThat(messages.ofContact(ended.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.UNKNOWN))
			.satisfies(message -> assertThat(message.reason()).contains("its journey ended meanwhile"));
		assertThat(messages.ofContact(running.id()).get(0).status()).isEqualTo(MessageStatus.SENDING);
		assertThat(requestsTo(SENDGRID)).isEqualTo(2);
	}

	/** The provider failed the call after the journey's end had skipped what waited. */
	@Test
	void aFailedCallOfAJourneyThatEndedMeanwhileIsSkippedNotLeftRetrying() {
		Contact contact = daytimeContact();
		String journey = welcomeEmailWhileSendGridFails(contact);
		attemptFails(journey);
		// the journey's end runs, then the failure is recorded
		runtime.deleteProcessInstance(journey, "the contact ordered");
		jdbc.sql("update message set status = ?, reason = null where contact_id = ?")
			.params(MessageStatus.RETRYING.name(), contact.id())
			.update();
		assertThat(messages.ofContact(contact.id()).get(0).status()).isEqualTo(MessageStatus.RETRYING);

		clock.moveTo(clock.instant().plus(UnsettledMessages.QUIET_FOR).plusSeconds(60));
		unsettled.settle();

		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED))
			.satisfies(message -> assertThat(message.reason()).isEqualTo(SkipReason.JOURNEY_ENDED));
	}

	@Test
	void killedAfterTheProviderCallBeforeTheCommitTheContactReceivesItOnce() {
		Contact contact = sendGridAccepting();
		// the send step completes, then the node dies before the job's transaction
		// commits
		var model = Bpmn.createExecutableProcess("delivery-test-killed-after-send")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_Send")
			.name("Send message")
			.camundaAsyncBefore()
			.camundaDelegateExpression("${sendEmail}")
			.camundaInputParameter("template", "welcome")
			.serviceTask("Task_NodeDies")
			.name("Node dies")
			.camundaClass(FailsOnce.class.getName())
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment()
			.addModelInstance("killed-after-send.bpmn", model)
			.enableDuplicateFiltering(true)
			.deploy();
		String instance = runtime
			.startProcessInstanceByKey("delivery-test-killed-after-send", contact.id(),
					Map.of("contactId", contact.id()))
			.getId();
		FailsOnce.armed.set(true);
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(NodeKilled.class);
		assertThat(messages.ofContact(contact.id()).get(0).status()).isEqualTo(MessageStatus.SENT);

		restart(instance);

		assertReceived(contact, 1, MessageStatus.SENT);
	}

	@Test
	void killedBeforeTheDecisionIsRecordedTheMessageIsSentOnceOnRestart() {
		Contact contact = sendGridAccepting();
		String instance = startSendStep(contact, "sendEmail", "welcome", "marketing");
		doAnswer(call -> {
			throw new NodeKilled();
		}).when(channelProviders).forChannel(Channel.EMAIL);
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(NodeKilled.class);
		assertThat(messages.ofContact(contact.id())).isEmpty();

		restart(instance);

		assertReceived(contact, 1, MessageStatus.SENT);
	}

	@Test
	void aRateLimitIsRetriedNotBeforeRetryAfterAndSentOnce() {
		providers.stubFor(post(SENDGRID).inScenario("limited")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120"))
			.willSetStateTo("cooled down"));
		providers.stubFor(post(SENDGRID).inScenario("limited")
			.whenScenarioStateIs("cooled down")
			.willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-after-429")));
		Contact contact = daytimeContact();
		String instance = startSendStep(contact, "sendEmail", "welcome", "marketing");
		Job job = jobOf(instance);

		assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(ProviderException.RateLimited.class);

		Job waiting = jobOf(instance);
		assertThat(waiting.getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(115)));
		assertThat(waiting.getRetries()).isPositive();
		assertThat(waiting.getExceptionMessage()).contains("SendGrid answered 429");
		assertThat(messages.ofContact(contact.id()).get(0).status()).isEqualTo(MessageStatus.RETRYING);

		management.executeJob(job.getId());

		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SENT))
			.satisfies(message -> assertThat(message.attempts()).isEqualTo(2));
		assertThat(requestsTo(SENDGRID)).isEqualTo(2);
	}

	@Test
	void aSendThatUsedItsLastRetryWaitsAsAnIncidentAndAnOpsRetrySendsIt() {
		Contact contact = daytimeContact();
		String instance = welcomeEmailWhileSendGridFails(contact);

		failUntilIncident(instance);

		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isOne();
		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.INCIDENT))
			.satisfies(message -> assertThat(message.reason()).contains("SendGrid answered 503"));

		assertThat(jobOf(instance).getDuedate()).as("Cockpit's retry keeps the due date: it must be due at once")
			.isBeforeOrEqualTo(new Date());

		int failedCalls = requestsTo(SENDGRID);
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-ops")));
		management.setJobRetries(jobOf(instance).getId(), 1);
		management.executeJob(jobOf(instance).getId());

		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SENT));
		assertThat(requestsTo(SENDGRID)).isEqualTo(failedCalls + 1);
	}

	@Test
	void aSendWhoseRetriesOpsSetTo0InCockpitWaitsAsAnIncident() {
		Contact contact = daytimeContact();
		String instance = welcomeEmailWhileSendGridFails(contact);
		attemptFails(instance);
		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.RETRYING));

		assertThat(jobOf(instance).getDuedate()).as("its backoff booked").isAfter(new Date());

		management.setJobRetries(jobOf(instance).getId(), 0);

		assertThat(jobOf(instance).getDuedate()).as("Cockpit's retry keeps the due date: it must be due at once")
			.isBeforeOrEqualTo(new Date());
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isOne();
		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.INCIDENT))
			.satisfies(message -> assertThat(message.reason()).contains("SendGrid answered 503"));
	}

	/**
	 * A provider's error kept on the message row may echo what it was sent: the erasure
	 * takes the person's name out of it too, not only the address.
	 */
	@Test
	void anErasureTakesTheNameOutOfAProvidersErrorAsWellAsTheAddress() {
		Contact contact = daytimeContact();
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(400)
			.withBody(
					"{\"errors\":[{\"message\":\"The to email %s for %s is invalid (Banana Ltd)\",\"field\":\"personalizations.0.to\"}]}"
						.formatted(contact.email(), contact.firstName().toUpperCase()))));
		String journey = startSendStep(contact, "sendEmail", "welcome", "marketing");
		management.executeJob(jobOf(journey).getId());
		MessageRecord failed = messages.ofContact(contact.id()).get(0);
		assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);

		contactService.erase(contact.id());

		assertThat(messages.find(failed.id()).orElseThrow().reason()).contains("<recipient> for <name> is invalid")
			.as("a word holding the name is no name")
			.contains("Banana Ltd")
			.doesNotContainPattern("(?i)\\b" + contact.firstName() + "\\b");
	}

	/** A STOP or an unsubscribe that comes during the backoff wins over the retry. */
	@Test
	void aRetryAfterTheContactWithdrewConsentIsSkippedNotSent() {
		Contact retried = daytimeContact();
		Contact incident = daytimeContact();
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(503)));
		String retriedJourney = startSendStep(retried, "sendEmail", "welcome", "marketing");
		attemptFails(retriedJourney);
		String incidentJourney = startSendStep(incident, "sendEmail", "welcome", "marketing");
		failUntilIncident(incidentJourney);
		int failedCalls = requestsTo(SENDGRID);
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-r")));

		contactService.withdrawConsent(retried.id(), Set.of(Channel.EMAIL), clock.instant(), "sendgrid:unsubscribe");
		contactService.withdrawConsent(incident.id(), Set.of(Channel.EMAIL), clock.instant(), "sendgrid:unsubscribe");
		management.executeJob(jobOf(retriedJourney).getId());
		management.setJobRetries(jobOf(incidentJourney).getId(), 1);
		management.executeJob(jobOf(incidentJourney).getId());

		assertThat(requestsTo(SENDGRID)).isEqualTo(failedCalls);
		for (Contact contact : List.of(retried, incident)) {
			assertThat(messages.ofContact(contact.id())).singleElement()
				.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED))
				.satisfies(message -> assertThat(message.reason()).isEqualTo(SkipReason.NO_CONSENT));
		}
		assertThat(runtime.createProcessInstanceQuery()
			.processInstanceIds(Set.of(retriedJourney, incidentJourney))
			.count()).as("the journeys go on without the message").isZero();
	}

	/**
	 * A retry due in the contact's night waits for the morning, like any marketing send.
	 */
	@Test
	void aRetryDueInTheContactsQuietHoursIsDeferred() {
		Contact contact = daytimeContact();
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(503)));
		String journey = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		attemptFails(journey);
		int retries = jobOf(journey).getRetries();
		moveTo(contact, nightContact().timeZone());

		assertThatThrownBy(() -> management.executeJob(jobOf(journey).getId())).isInstanceOf(SendDeferred.class);

		assertThat(requestsTo(TWILIO)).isOne();
		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.DEFERRED))
			.satisfies(message -> assertThat(message.reason()).startsWith(SkipReason.QUIET_HOURS));
		assertThat(jobOf(journey).getRetries()).as("waiting uses no retry").isEqualTo(retries);
	}

	@Test
	void aRetryGoesToTheAddressTheContactHasNow() {
		Contact contact = daytimeContact();
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(503)));
		String journey = startSendStep(contact, "sendEmail", "welcome", "marketing");
		attemptFails(journey);
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-new")));
		String newAddress = "moved." + contact.id() + "@example.com";
		contactService.replace(contact.id(), new ContactDetails(newAddress, contact.phone(), contact.firstName(),
				contact.locale(), contact.timeZone(), Map.of()), "test");

		management.executeJob(jobOf(journey).getId());

		assertThat(providers.findAll(postRequestedFor(urlEqualTo(SENDGRID))).get(1).getBodyAsString())
			.contains(newAddress)
			.doesNotContain("\"" + contact.email() + "\"");
		assertThat(messages.ofContact(contact.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SENT))
			.satisfies(message -> assertThat(message.recipient()).isEqualTo(newAddress))
			.satisfies(message -> assertThat(message.attempts()).isEqualTo(2));
	}

	/**
	 * A send step already running when its contact is erased (it waited for the contact's
	 * lock) records nothing under the id: the erasure filed the person's rows apart.
	 */
	@Test
	void aSendStepRunningWhileItsContactIsErasedRecordsNothingUnderTheId() {
		Contact erased = daytimeContact();
		String journey = startSendStep(erased, "sendEmail", "welcome", "marketing");
		contactService.erase(erased.id());

		MessageStatus status = delivery.send(new SendRequest(TestContacts.newId("key"), erased.id(), Channel.EMAIL,
				"welcome", "welcome", journey, "Task_Send", null, Map.of(), null));

		assertThat(status).isEqualTo(MessageStatus.SKIPPED);
		assertThat(messages.ofContact(erased.id())).isEmpty();
		assertThat(requestsTo(SENDGRID)).isZero();
	}

	/** Its job is gone with the journey: the message will never go. */
	@Test
	void aMessageWaitingForItsRetryWhenTheJourneyEndsIsSkipped() {
		Contact ordered = daytimeContact();
		Contact erased = daytimeContact();
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "60")));
		String orderedJourney = startSendStep(ordered, "sendEmail", "welcome", "marketing");
		String erasedJourney = startSendStep(erased, "sendEmail", "welcome", "marketing");
		for (String journey : List.of(orderedJourney, erasedJourney)) {
			attemptFails(journey);
		}

		runtime.deleteProcessInstance(orderedJourney, "the contact ordered");
		contactService.erase(erased.id());

		assertThat(messages.ofContact(ordered.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED))
			.satisfies(message -> assertThat(message.reason()).isEqualTo(SkipReason.JOURNEY_ENDED));
		String erasedAs = jdbc.sql("select contact_id from message where process_instance_id = ?")
			.param(erasedJourney)
			.query(String.class)
			.single();
		assertThat(erasedAs).startsWith(ContactErased.PREFIX);
		assertThat(messages.ofContact(erasedAs)).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED))
			.satisfies(message -> assertThat(message.reason()).isEqualTo(SkipReason.CONTACT_ERASED));
	}

	private void moveTo(Contact contact, String timeZone) {
		contactService.replace(contact.id(), new ContactDetails(contact.email(), contact.phone(), contact.firstName(),
				contact.locale(), timeZone, Map.of()), "test");
	}

	@Test
	void aTwilioRateLimitHonoursRetryAfterToo() {
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(429)
			.withHeader("Retry-After", "300")
			.withHeader("Content-Type", "application/json")
			.withBody("{\"code\": 20429, \"message\": \"Too Many Requests\", \"status\": 429}")));
		Contact contact = daytimeContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");

		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId()))
			.isInstanceOf(ProviderException.RateLimited.class);

		assertThat(jobOf(instance).getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(295)));
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
		assertThat(requestsTo(TWILIO)).isOne();
	}

	/** A welcome email step for the contact, with SendGrid answering 503. */
	private String welcomeEmailWhileSendGridFails(Contact contact) {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(503)));
		return startSendStep(contact, "sendEmail", "welcome", "marketing");
	}

	/** The step's job runs once, and the provider fails it. */
	private void attemptFails(String journey) {
		assertThatThrownBy(() -> management.executeJob(jobOf(journey).getId())).isInstanceOf(ProviderException.class);
	}

	/** The step's job runs until it has used its last retry. */
	private void failUntilIncident(String journey) {
		for (int attempt = 0; attempt < 10 && jobOf(journey).getRetries() > 0; attempt++) {
			attemptFails(journey);
		}
	}

	private Contact sendGridAccepting() {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-k")));
		return daytimeContact();
	}

	/** The node comes back: the provider works again, and the job runs once more. */
	private void restart(String instance) {
		org.mockito.Mockito.reset(channelProviders);
		management.executeJob(jobOf(instance).getId());
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
	}

	/** What WireMock received, and the one message row of the contact. */
	private void assertReceived(Contact contact, int emails, MessageStatus status) {
		assertThat(requestsTo(SENDGRID)).isEqualTo(emails);
		assertThat(messages.ofContact(contact.id())).singleElement()
			.extracting(MessageRecord::status)
			.isEqualTo(status);
	}

	private void killSends(KillPoint point) {
		doAnswer(call -> new KillingProvider((MessageProvider) call.callRealMethod(), point)).when(channelProviders)
			.forChannel(Channel.EMAIL);
	}

	/** What a dying JVM looks like to the code still on the stack: it never returns. */
	static class NodeKilled extends RuntimeException {

		NodeKilled() {
			super("node killed");
		}

	}

	record KillingProvider(MessageProvider real, KillPoint point) implements MessageProvider {

		@Override
		public String name() {
			return real.name();
		}

		@Override
		public ProviderReceipt send(OutboundMessage message) {
			if (point == KillPoint.DURING_THE_CALL) {
				real.send(message);
			}
			throw new NodeKilled();
		}

	}

	/**
	 * Fails the first time it runs after being armed: the node dying after the send step.
	 */
	public static class FailsOnce implements JavaDelegate {

		static final AtomicBoolean armed = new AtomicBoolean();

		@Override
		public void execute(DelegateExecution execution) {
			if (armed.getAndSet(false)) {
				throw new NodeKilled();
			}
		}

	}

}
