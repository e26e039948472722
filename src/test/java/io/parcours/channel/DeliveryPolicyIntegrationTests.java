package io.parcours.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.mockito.Mockito.doAnswer;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricJobLog;
import org.camunda.bpm.engine.runtime.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * The policy as journeys meet it: quiet hours defer the step's job (no retry used, no
 * incident, the wait readable in Cockpit), the frequency cap spans journeys and holds
 * under concurrency, a rejected address stays suppressed until consent is given anew.
 */
@ExtendWith(OutputCaptureExtension.class)
class DeliveryPolicyIntegrationTests extends WithFakeProviders {

	@Autowired
	Delivery delivery;

	@Autowired
	Suppressions suppressions;

	@Autowired
	ContactService contactService;

	@Autowired
	HistoryService history;

	@Test
	void anSmsDueInQuietHoursWaitsForTheContactsMorningWithoutUsingARetry(CapturedOutput output) {
		stubTwilioAccepts();
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		Job job = jobOf(instance);
		ZonedDateTime morning = QuietHoursTests.NIGHT.endAfter(clock.instant(), contact.zone()).orElseThrow();

		assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(SendDeferred.class);

		Job waiting = jobOf(instance);
		assertThat(waiting.getId()).isEqualTo(job.getId());
		assertThat(waiting.getRetries()).isGreaterThanOrEqualTo(job.getRetries());
		assertThat(waiting.getDuedate().toInstant()).isEqualTo(morning.toInstant());
		assertThat(waiting.getExceptionMessage())
			.isEqualTo("deferred until 08:00 " + contact.timeZone() + " (quiet hours)");
		assertThat(runtime.createIncidentQuery().processInstanceId(instance).count()).isZero();
		MessageRecord deferred = onlyMessage(contact);
		assertThat(deferred.status()).isEqualTo(MessageStatus.DEFERRED);
		assertThat(deferred.deferredUntil()).isEqualTo(morning.toInstant());
		assertThat(deferred.reason()).startsWith("quiet-hours: deferred until ");
		assertThat(requestsTo(TWILIO)).isZero();
		assertThat(output.getAll()).as("the log outlives an erasure: no time zone of the person in it")
			.contains("deferred for quiet hours until " + morning.toInstant())
			.doesNotContain(contact.timeZone());

		clock.moveTo(morning.toInstant().plusSeconds(1));
		management.executeJob(job.getId());

		MessageRecord sent = onlyMessage(contact);
		assertThat(sent.id()).isEqualTo(deferred.id());
		assertThat(sent.status()).isEqualTo(MessageStatus.SENT);
		assertThat(sent.deferredUntil()).isEqualTo(morning.toInstant());
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
		assertThat(requestsTo(TWILIO)).isOne();
	}

	@Test
	void aDeferredStepRunEarlyIsDeferredAgainNotSent() {
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		String jobId = jobOf(instance).getId();
		assertThatThrownBy(() -> management.executeJob(jobId)).isInstanceOf(SendDeferred.class);
		int retries = jobOf(instance).getRetries();

		assertThatThrownBy(() -> management.executeJob(jobId)).isInstanceOf(SendDeferred.class);

		assertThat(jobOf(instance).getRetries()).isEqualTo(retries);
		assertThat(onlyMessage(contact).status()).isEqualTo(MessageStatus.DEFERRED);
		assertThat(requestsTo(TWILIO)).isZero();
	}

	@Test
	void aDeferredMessageWhoseJourneyEndsIsSkippedNotLeftWaiting() {
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(SendDeferred.class);

		runtime.deleteProcessInstance(instance, "the contact ordered");

		MessageRecord skipped = onlyMessage(contact);
		assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
		assertThat(skipped.reason()).isEqualTo(SkipReason.JOURNEY_ENDED);
		assertThat(requestsTo(TWILIO)).isZero();
	}

	@Test
	void aDeferredMessageWhoseConsentIsWithdrawnMeanwhileIsSkippedNoLongerWaiting() {
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		Job job = jobOf(instance);
		assertThatThrownBy(() -> management.executeJob(job.getId())).isInstanceOf(SendDeferred.class);
		contactService.withdrawConsent(contact.id(), Set.of(Channel.SMS), clock.instant(), "test:STOP");

		clock.moveTo(job.getDuedate().toInstant().plusSeconds(1));
		management.executeJob(job.getId());

		MessageRecord skipped = onlyMessage(contact);
		assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
		assertThat(skipped.reason()).isEqualTo(SkipReason.NO_CONSENT);
		assertThat(skipped.deferredUntil()).isNull();
		assertThat(requestsTo(TWILIO)).isZero();
	}

	@Test
	void aDeferredStepRestartedByOpsLeavesNoMessageWaitingForEver() {
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(SendDeferred.class);

		runtime.createProcessInstanceModification(instance)
			.cancelAllForActivity("Task_Send")
			.startBeforeActivity("Task_Send")
			.execute();
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(SendDeferred.class);

		assertThat(messages.ofContact(contact.id())).extracting(MessageRecord::status)
			.containsExactlyInAnyOrder(MessageStatus.SKIPPED, MessageStatus.DEFERRED);
		assertThat(messages.ofContact(contact.id())).filteredOn(message -> message.status() == MessageStatus.SKIPPED)
			.singleElement()
			.extracting(MessageRecord::reason)
			.isEqualTo(SkipReason.STEP_RESTARTED);
		assertThat(requestsTo(TWILIO)).isZero();
	}

	@Test
	void erasingTheContactClearsWhatTheJobHistorySaysAboutTheirSteps() {
		Contact contact = nightContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");
		assertThatThrownBy(() -> management.executeJob(jobOf(instance).getId())).isInstanceOf(SendDeferred.class);
		HistoricJobLog deferral = history.createHistoricJobLogQuery()
			.processInstanceId(instance)
			.failureLog()
			.singleResult();
		assertThat(deferral.getJobExceptionMessage()).contains(contact.timeZone());
		assertThat(history.getHistoricJobLogExceptionStacktrace(deferral.getId())).contains(contact.timeZone());

		contactService.erase(contact.id());

		HistoricJobLog erased = history.createHistoricJobLogQuery().logId(deferral.getId()).singleResult();
		assertThat(erased.getJobExceptionMessage()).isNull();
		assertThat(history.getHistoricJobLogExceptionStacktrace(deferral.getId())).isNull();
	}

	@Test
	void transactionalSmsAndMarketingEmailGoDuringQuietHours() {
		stubTwilioAccepts();
		stubSendGridAccepts();
		Contact contact = nightContact();

		management.executeJob(jobOf(startSendStep(contact, "sendSms", "thank-you", "transactional")).getId());
		management.executeJob(jobOf(startSendStep(contact, "sendEmail", "welcome", "marketing")).getId());

		assertThat(messages.ofContact(contact.id()))
			.extracting(MessageRecord::channel, MessageRecord::status, MessageRecord::category)
			.containsExactlyInAnyOrder(tuple(Channel.SMS, MessageStatus.SENT, MessageCategory.TRANSACTIONAL),
					tuple(Channel.EMAIL, MessageStatus.SENT, MessageCategory.MARKETING));
	}

	@Test
	void theFrequencyCapSpansJourneysAndSpareTransactionalMessages() {
		stubSendGridAccepts();
		Contact contact = daytimeContact();
		for (int i = 1; i <= 4; i++) {
			delivery.send(request(contact, "journey-" + i, MessageCategory.MARKETING));
		}
		delivery.send(request(contact, "receipt", MessageCategory.TRANSACTIONAL));

		assertThat(messages.ofContact(contact.id()))
			.extracting(MessageRecord::journey, MessageRecord::status, MessageRecord::reason)
			.containsExactly(tuple("journey-1", MessageStatus.SENT, null), tuple("journey-2", MessageStatus.SENT, null),
					tuple("journey-3", MessageStatus.SENT, null),
					tuple("journey-4", MessageStatus.SKIPPED, "frequency-cap"),
					tuple("receipt", MessageStatus.SENT, null));
		assertThat(requestsTo(SENDGRID)).isEqualTo(4);
	}

	@Test
	void theCapWindowSlides() {
		stubSendGridAccepts();
		Contact contact = daytimeContact();
		for (int i = 1; i <= 3; i++) {
			delivery.send(request(contact, "journey-" + i, MessageCategory.MARKETING));
		}

		clock.moveTo(clock.instant().plus(Duration.ofDays(7)).minusSeconds(60));
		assertThat(delivery.send(request(contact, "six-days-later", MessageCategory.MARKETING)))
			.isEqualTo(MessageStatus.SKIPPED);
		clock.moveTo(clock.instant().plusSeconds(120));
		assertThat(delivery.send(request(contact, "seven-days-later", MessageCategory.MARKETING)))
			.isEqualTo(MessageStatus.SENT);
	}

	@Test
	void journeysSendingToOneContactAtTheSameMomentCannotBothPassTheCap() throws Exception {
		stubSendGridAccepts();
		Contact contact = daytimeContact();
		delivery.send(request(contact, "earlier-1", MessageCategory.MARKETING));
		delivery.send(request(contact, "earlier-2", MessageCategory.MARKETING));
		// a slow step between counting and recording widens the window a race would need
		doAnswer(call -> {
			Thread.sleep(200);
			return call.callRealMethod();
		}).when(channelProviders).forChannel(Channel.EMAIL);
		int journeys = 6;
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(journeys);
		List<Future<MessageStatus>> outcomes = new ArrayList<>();
		for (int i = 0; i < journeys; i++) {
			SendRequest request = request(contact, "concurrent-" + i, MessageCategory.MARKETING);
			Callable<MessageStatus> send = () -> {
				start.await();
				return delivery.send(request);
			};
			outcomes.add(threads.submit(send));
		}
		start.countDown();
		List<MessageStatus> statuses = new ArrayList<>();
		for (Future<MessageStatus> outcome : outcomes) {
			statuses.add(outcome.get());
		}
		threads.shutdown();

		assertThat(statuses).containsOnlyOnce(MessageStatus.SENT);
		assertThat(statuses).filteredOn(MessageStatus.SKIPPED::equals).hasSize(journeys - 1);
		assertThat(requestsTo(SENDGRID)).isEqualTo(3);
	}

	@Test
	void aRejectedAddressIsSuppressedUntilConsentIsGivenAnew() {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(400)
			.withBody("{\"errors\":[{\"message\":\"Invalid email\",\"field\":\"personalizations.0.to.0.email\"}]}")));
		Contact contact = daytimeContact();

		assertThat(delivery.send(request(contact, "first", MessageCategory.MARKETING))).isEqualTo(MessageStatus.FAILED);
		assertThat(suppressions.reasonFor(contact.id(), Channel.EMAIL)).contains("invalid-address");
		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(delivery.send(request(contact, "second", MessageCategory.TRANSACTIONAL)))
			.isEqualTo(MessageStatus.SKIPPED);

		stubSendGridAccepts();
		// given anew explicitly (PUT /api/contacts/{id}): a restated profile would not
		// lift it
		contactService.replace(contact.id(),
				new ContactDetails("fixed-" + contact.email(), null, null, null, null, Map.of(Channel.EMAIL, true)),
				"test:preference-centre");

		assertThat(suppressions.reasonFor(contact.id(), Channel.EMAIL)).isEmpty();
		assertThat(delivery.send(request(contact, "third", MessageCategory.MARKETING))).isEqualTo(MessageStatus.SENT);
		assertThat(messages.ofContact(contact.id())).extracting(MessageRecord::journey, MessageRecord::reason)
			.containsExactly(tuple("first", "invalid-address: SendGrid answered 400: "
					+ "{\"errors\":[{\"message\":\"Invalid email\",\"field\":\"personalizations.0.to.0.email\"}]}"),
					tuple("second", "suppressed:invalid-address"), tuple("third", null));
		assertThat(requestsTo(SENDGRID)).isEqualTo(2);
	}

	@Test
	void anOptedOutNumberIsSuppressedAndTheJourneyGoesOn() {
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(400)
			.withHeader("Content-Type", "application/json")
			.withBody(
					"{\"code\": 21610, \"message\": \"Attempt to send to unsubscribed recipient\", \"status\": 400}")));
		Contact contact = daytimeContact();
		String instance = startSendStep(contact, "sendSms", "first-order-coupon", "marketing");

		management.executeJob(jobOf(instance).getId());

		assertThat(onlyMessage(contact).status()).isEqualTo(MessageStatus.FAILED);
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).contains("opted-out");
		assertThat(runtime.createProcessInstanceQuery().processInstanceId(instance).count()).isZero();
		assertThat(requestsTo(TWILIO)).isOne();
	}

	/**
	 * A bounce or a spam report is about the address: another contact with it, in any
	 * case, is not emailed either.
	 */
	@Test
	void aSuppressedEmailAddressIsNotUsedForAnotherContactWithIt() {
		stubSendGridAccepts();
		Contact bounced = daytimeContact();
		suppressions.suppress(bounced.id(), Channel.EMAIL, Suppressions.HARD_BOUNCE, "sendgrid", clock.instant());
		Contact twin = contactWithEmail(bounced.email().toUpperCase(), bounced.timeZone());

		assertThat(delivery.send(request(twin, "twin", MessageCategory.MARKETING))).isEqualTo(MessageStatus.SKIPPED);
		assertThat(onlyMessage(twin).reason()).isEqualTo("suppressed:hard-bounce");
		assertThat(requestsTo(SENDGRID)).isZero();
	}

	/**
	 * The address that bounced stays suppressed, whoever has it: not the new address of
	 * the contact who moved, but the old one on another contact, also once the first
	 * contact is erased; a new sign-up with it lifts nothing; the bounced person
	 * consenting anew does.
	 */
	@Test
	void theSuppressedAddressIsTheOneThatBouncedAndOutlivesItsContact() {
		stubSendGridAccepts();
		Contact moved = daytimeContact();
		String oldAddress = moved.email();
		String newAddress = bouncedThenMoved(moved);
		Contact withNewAddress = contactWithEmail(newAddress, moved.timeZone());
		Contact withOldAddress = contactWithEmail(oldAddress, moved.timeZone());
		contactService.erase(moved.id());

		assertThat(delivery.send(request(withNewAddress, "new", MessageCategory.MARKETING)))
			.isEqualTo(MessageStatus.SENT);
		assertThat(delivery.send(request(withOldAddress, "old", MessageCategory.MARKETING)))
			.isEqualTo(MessageStatus.SKIPPED);
		assertThat(onlyMessage(withOldAddress).reason()).isEqualTo("suppressed:hard-bounce");
	}

	@Test
	void theBouncedPersonConsentingAnewLiftsTheirAddress() {
		stubSendGridAccepts();
		Contact bounced = daytimeContact();
		suppressions.suppress(bounced.id(), Channel.EMAIL, Suppressions.HARD_BOUNCE, "sendgrid", clock.instant());
		Contact twin = contactWithEmail(bounced.email(), bounced.timeZone());
		assertThat(suppressions.reasonFor(twin, Channel.EMAIL)).as("a new sign-up lifts nothing").isPresent();

		contactService.replace(bounced.id(), new ContactDetails(bounced.email(), null, "Ana", "fr-FR",
				bounced.timeZone(), Map.of(Channel.EMAIL, true)), "test");

		assertThat(suppressions.reasonFor(twin, Channel.EMAIL)).isEmpty();
	}

	/**
	 * A contact with a bounce of their own moves onto an address another person reported
	 * as spam, and consents anew: their bounce goes, the other person's report stays.
	 */
	@Test
	void consentingAnewLiftsNothingAnotherPersonsReportPutOnTheList() {
		Contact reporter = daytimeContact();
		Contact bounced = daytimeContact();
		suppressions.suppress(reporter.id(), Channel.EMAIL, Suppressions.SPAM_REPORT, "sendgrid", clock.instant());
		suppressions.suppress(bounced.id(), Channel.EMAIL, Suppressions.HARD_BOUNCE, "sendgrid", clock.instant());

		Contact moved = contactService.replace(bounced.id(), new ContactDetails(reporter.email().toUpperCase(), null,
				"Ana", "fr-FR", bounced.timeZone(), Map.of(Channel.EMAIL, true)), "test");

		assertThat(suppressions.reasonFor(moved, Channel.EMAIL)).contains(Suppressions.SPAM_REPORT);
		assertThat(suppressions.reasonFor(contactWithEmail(reporter.email(), reporter.timeZone()), Channel.EMAIL))
			.contains(Suppressions.SPAM_REPORT);
		assertThat(suppressions.reasonFor(contactWithEmail(bounced.email(), bounced.timeZone()), Channel.EMAIL))
			.as("their own bounce is lifted")
			.isEmpty();
	}

	/** Bounced at two addresses in turn, the person consenting anew lifts both. */
	@Test
	void consentingAnewLiftsEveryAddressTheContactsSuppressionPutOnTheList() {
		Contact moved = daytimeContact();
		String oldAddress = moved.email();
		String newAddress = bouncedThenMoved(moved);
		suppressions.suppress(moved.id(), Channel.EMAIL, newAddress, Suppressions.HARD_BOUNCE, "sendgrid",
				clock.instant());

		Contact consented = contactService.replace(moved.id(),
				new ContactDetails(newAddress, null, "Ana", "fr-FR", moved.timeZone(), Map.of(Channel.EMAIL, true)),
				"test");

		assertThat(suppressions.reasonFor(consented, Channel.EMAIL)).isEmpty();
		assertThat(suppressions.reasonFor(contactWithEmail(oldAddress, moved.timeZone()), Channel.EMAIL)).isEmpty();
	}

	/** The contact's address bounced, then the shop gave it a new one, returned. */
	private String bouncedThenMoved(Contact contact) {
		String newAddress = TestContacts.newId("new") + "@example.com";
		suppressions.suppress(contact.id(), Channel.EMAIL, contact.email(), Suppressions.HARD_BOUNCE, "sendgrid",
				clock.instant());
		contactService.merge(contact.id(), new ContactDetails(newAddress, null, null, null, null, Map.of()),
				clock.instant(), "test");
		return newAddress;
	}

	private Contact contactWithEmail(String email, String timeZone) {
		return contactService.replace(TestContacts.newId("c"),
				new ContactDetails(email, null, "Ana", "fr-FR", timeZone, Map.of(Channel.EMAIL, true)), "test");
	}

	/** A request of no running journey: the policy alone decides it. */
	private SendRequest request(Contact contact, String journey, MessageCategory category) {
		return new SendRequest(journey + "/" + contact.id(), contact.id(), Channel.EMAIL, "welcome", journey, null,
				"Task_Send", null, Map.of(), category);
	}

	private MessageRecord onlyMessage(Contact contact) {
		var all = messages.ofContact(contact.id());
		assertThat(all).hasSize(1);
		return all.get(0);
	}

	private void stubTwilioAccepts() {
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\": \"SM" + System.nanoTime() + "\", \"status\": \"queued\"}")));
	}

	private void stubSendGridAccepts() {
		providers.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-ok")));
	}

}
