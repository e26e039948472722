package io.parcours.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.stubbing.Scenario;

import io.parcours.H2Sessions;
import io.parcours.journey.MessageNames;
import io.parcours.contact.Contact;

import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Sending through the real SDKs to a fake SendGrid and Twilio, driven as the engine
 * drives it: by jobs that fail, retry, roll back and raise incidents.
 */
class DeliveryIntegrationTests extends WithFakeProviders {

	@Autowired
	PlatformTransactionManager transactionManager;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aProviderErrorIsRetriedWithBackoffAndTheEmailIsSentOnce() {
		providers.stubFor(post(SENDGRID).inScenario("flaky")
			.whenScenarioStateIs(Scenario.STARTED)
			.willReturn(aResponse().withStatus(503))
			.willSetStateTo("recovered"));
		providers.stubFor(post(SENDGRID).inScenario("flaky")
			.whenScenarioStateIs("recovered")
			.willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-1")));
		Contact contact = contacts.withConsent(true, false);
		String instance = startSendStep(contact, "sendEmail");

		Job job = jobOf(instance);
		assertThatThrownBy(() -> management.executeJob(job.getId())).hasMessageContaining("SendGrid answered 503");

		Job retried = jobOf(instance);
		assertThat(retried.getId()).isEqualTo(job.getId());
		assertThat(retried.getRetries()).isPositive();
		assertThat(retried.getDuedate()).isAfter(Date.from(Instant.now().plusSeconds(5)));
		assertThat(onlyMessage(contact).status()).isEqualTo(MessageStatus.RETRYING);

		management.executeJob(job.getId());

		MessageRecord message = onlyMessage(contact);
		assertThat(message.status()).isEqualTo(MessageStatus.SENT);
		assertThat(message.providerMessageId()).isEqualTo("sg-1");
		assertThat(message.attempts()).isEqualTo(2);
		providers.verify(2, postRequestedFor(urlEqualTo(SENDGRID)));
	}

	@Test
	void whenRetriesRunOutAnIncidentShowsTheProviderErrorAndOpsCanRetryIt() {
		providers.stubFor(post(SENDGRID)
			.willReturn(aResponse().withStatus(500).withBody("{\"errors\":[{\"message\":\"boom\"}]}")));
		Contact contact = contacts.withConsent(true, false);
		String instance = startSendStep(contact, "sendEmail");

		String jobId = jobOf(instance).getId();
		while (jobOf(instance).getRetries() > 0) {
			assertThatThrownBy(() -> management.executeJob(jobId)).isInstanceOf(ProviderException.Transient.class);
		}

		Incident incident = runtime.createIncidentQuery().processInstanceId(instance).singleResult();
		assertThat(incident.getIncidentMessage()).contains("SendGrid answered 500").contains("boom");
		int attempts = providers.countRequestsMatching(postRequestedFor(urlEqualTo(SENDGRID)).build()).getCount();

		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-2")));
		management.setJobRetries(jobId, 1);
		management.executeJob(jobId);

		assertThat(onlyMessage(contact).status()).isEqualTo(MessageStatus.SENT);
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
		providers.verify(attempts + 1, postRequestedFor(urlEqualTo(SENDGRID)));
	}

	@Test
	void rejectedCredentialsRaiseAnIncidentAtOnce() {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(401)));
		Contact contact = contacts.withConsent(true, false);
		String instance = startSendStep(contact, "sendEmail");

		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId()));

		assertThat(jobOf(instance).getRetries()).isZero();
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).singleResult().getIncidentMessage())
			.contains("SendGrid answered 401");
		providers.verify(1, postRequestedFor(urlEqualTo(SENDGRID)));
	}

	@Test
	void anInvalidAddressFailsTheMessageAndTheJourneyGoesOn() {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(400)
			.withBody("{\"errors\":[{\"message\":\"Invalid email\",\"field\":\"personalizations.0.to.0.email\"}]}")));
		Contact contact = contacts.withConsent(true, false);
		String instance = startSendStep(contact, "sendEmail");

		management.executeJob(jobOf(instance).getId());

		assertThat(onlyMessage(contact).status()).isEqualTo(MessageStatus.FAILED);
		assertThat(onlyMessage(contact).reason()).startsWith("invalid-address");
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
	}

	@Test
	void smsGoesThroughTwilioInTheContactsLanguage() {
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\": \"SM9\", \"status\": \"queued\"}")));
		Contact contact = daytimeContact();
		String instance = startSendStep(contact, "sendSms");

		management.executeJob(jobOf(instance).getId());

		assertThat(onlyMessage(contact).providerMessageId()).isEqualTo("SM9");
		providers.verify(1,
				postRequestedFor(urlEqualTo(TWILIO)).withRequestBody(containing("Ana%2C+-10%25+sur+votre+1re+commande"))
					.withRequestBody(containing("To=%2B" + contact.phone().substring(1))));
	}

	private String startSendStep(Contact contact, String delegate) {
		return startSendStep(contact, delegate, delegate.equals("sendSms") ? "first-order-coupon" : "welcome",
				"marketing");
	}

	/**
	 * The contact's order ends the journey while its send job waits for the contact: the
	 * job had read the journey as running, but the message does not go.
	 */
	@Test
	void aSendWhoseJourneyEndedWhileItWaitedForTheContactIsSkipped() throws Exception {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-r")));
		Contact contact = contacts.withConsent(true, false);
		String instance = startSendStep(contact, "sendEmail");
		String job = jobOf(instance).getId();
		CountDownLatch locked = new CountDownLatch(1);
		CountDownLatch ended = new CountDownLatch(1);
		ExecutorService order = Executors.newSingleThreadExecutor();
		try {
			Future<?> orderEndsTheJourney = order
				.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
					contactService.lock(contact.id());
					locked.countDown();
					H2Sessions.awaitOneBlocked(jdbc);
					runtime.deleteProcessInstance(instance, "order completed");
					ended.countDown();
				}));
			locked.await(10, TimeUnit.SECONDS);

			assertThatThrownBy(() -> management.executeJob(job)).isInstanceOf(OptimisticLockingException.class);

			orderEndsTheJourney.get(10, TimeUnit.SECONDS);
			assertThat(ended.getCount()).isZero();
		}
		finally {
			order.shutdownNow();
		}
		MessageRecord message = onlyMessage(contact);
		assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED);
		assertThat(message.reason()).isEqualTo(SkipReason.JOURNEY_ENDED);
		assertThat(requestsTo(SENDGRID)).isZero();
	}

	/**
	 * The step is cancelled while its send job waits for the contact (a lead handed to
	 * sales during a nurturing email): the journey runs on elsewhere, the message does
	 * not go.
	 */
	@Test
	void aSendWhoseStepWasCancelledWhileItWaitedForTheContactIsSkipped() throws Exception {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-c")));
		Contact contact = contacts.withConsent(true, false);
		var model = Bpmn.createExecutableProcess("delivery-test-cancelled-step")
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_Send")
			.name("Send message")
			.camundaAsyncBefore()
			.camundaDelegateExpression("${sendEmail}")
			.camundaInputParameter("template", "welcome")
			.receiveTask("Task_Wait")
			.name("Wait for an order")
			.message(MessageNames.ORDER_COMPLETED)
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment()
			.addModelInstance("delivery-test-cancelled-step.bpmn", model)
			.enableDuplicateFiltering(true)
			.deploy();
		String instance = runtime
			.startProcessInstanceByKey("delivery-test-cancelled-step", contact.id(), Map.of("contactId", contact.id()))
			.getId();
		String job = jobOf(instance).getId();
		CountDownLatch locked = new CountDownLatch(1);
		ExecutorService handOff = Executors.newSingleThreadExecutor();
		try {
			Future<?> stepCancelled = handOff
				.submit(() -> new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
					contactService.lock(contact.id());
					locked.countDown();
					H2Sessions.awaitOneBlocked(jdbc);
					runtime.createProcessInstanceModification(instance)
						.cancelAllForActivity("Task_Send")
						.startBeforeActivity("Task_Wait")
						.execute();
				}));
			locked.await(10, TimeUnit.SECONDS);

			assertThatThrownBy(() -> management.executeJob(job)).isInstanceOf(OptimisticLockingException.class);

			stepCancelled.get(10, TimeUnit.SECONDS);
		}
		finally {
			handOff.shutdownNow();
		}
		MessageRecord message = onlyMessage(contact);
		assertThat(message.status()).isEqualTo(MessageStatus.SKIPPED);
		assertThat(message.reason()).isEqualTo(SkipReason.STEP_CANCELLED);
		assertThat(requestsTo(SENDGRID)).isZero();
		assertThat(runtime.getActiveActivityIds(instance)).containsExactly("Task_Wait");
	}

	private MessageRecord onlyMessage(Contact contact) {
		var all = messages.ofContact(contact.id());
		assertThat(all).hasSize(1);
		return all.get(0);
	}

}
