package io.parcours.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.doAnswer;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A node killed at each point of a send, then the step's job run again as another node
 * would run it once the lock expires: WireMock counts what the contact received. Also
 * rate limits: a 429 is retried, not before the provider's Retry-After.
 */
class DeliveryFaultIntegrationTests extends WithFakeProviders {

	@Autowired
	MockMvc mvc;

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

	@Test
	void killedAfterTheProviderCallBeforeTheCommitTheContactReceivesItOnce() {
		Contact contact = sendGridAccepting();
		// the send step completes, then the node dies before the job's transaction
		// commits
		var model = Bpmn.createExecutableProcess("delivery-test-killed-after-send")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.serviceTask("Task_Send")
			.camundaAsyncBefore()
			.camundaDelegateExpression("${sendEmail}")
			.camundaInputParameter("template", "welcome")
			.serviceTask("Task_NodeDies")
			.camundaClass(FailsOnce.class.getName())
			.endEvent()
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
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(503)));
		Contact contact = daytimeContact();
		String instance = startSendStep(contact, "sendEmail", "welcome", "marketing");

		for (int attempt = 0; attempt < 10 && jobOf(instance).getRetries() > 0; attempt++) {
			assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId()))
				.isInstanceOf(ProviderException.class);
		}

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
