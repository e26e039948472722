package io.parcours.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parcours.channel.Delivery;
import io.parcours.channel.MessageCategory;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.SendRequest;
import io.parcours.channel.Suppressions;
import io.parcours.channel.WithFakeProviders;
import io.parcours.config.Sql;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;

import io.micrometer.core.instrument.MeterRegistry;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * SendGrid's signed Event Webhook with payloads in SendGrid's format, signed the way
 * SendGrid signs them: ECDSA P-256 over the timestamp followed by the raw body, with the
 * private half of the key pair whose public half Parcours is configured with.
 */
class SendGridWebhookIntegrationTests extends WithFakeProviders {

	@Autowired
	MockMvc mvc;

	@Autowired
	Delivery delivery;

	@Autowired
	Suppressions suppressions;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	MeterRegistry meterRegistry;

	@Test
	void deliveredOpenAndClickMoveTheMessageOnAndOpensAndClicksBecomeLeadActivity() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord message = sentEmail(contact);
		String opened = eventId();
		String clicked = eventId();

		receive(event(message, "processed", eventId()), event(message, "delivered", eventId()),
				event(message, "open", opened), event(message, "click", clicked))
			.andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.CLICKED);
		assertThat(leadActivity("sendgrid:" + opened)).containsEntry("contact_id", contact.id())
			.containsEntry("type", "lead.activity");
		assertThat(String.valueOf(leadActivity("sendgrid:" + opened).get("payload"))).contains("email_opened");
		assertThat(String.valueOf(leadActivity("sendgrid:" + clicked).get("payload"))).contains("email_clicked");
	}

	@Test
	void eventsArrivingOutOfOrderNeverMoveTheMessageBack() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());

		receive(event(message, "open", eventId()), event(message, "delivered", eventId())).andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.OPENED);
	}

	/** A security scanner fetching the images of a bounced mail is not the contact. */
	@Test
	void anOpenOrAClickAfterABounceLeavesTheMessageBouncedAndScoresNothing() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());
		receive(event(message, "bounce", eventId())).andExpect(status().isOk());
		String opened = eventId();

		receive(event(message, "open", opened), event(message, "click", eventId())).andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.BOUNCED);
		assertThat(jdbc.sql("select count(*) from inbound_event where id = ?")
			.param("sendgrid:" + opened)
			.query(Integer.class)
			.single()).isZero();
	}

	@Test
	void aHardBounceSuppressesTheAddressAndWithdrawsConsent() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord message = sentEmail(contact);

		receive("""
				{"email":"%s","timestamp":1763887200,"event":"bounce","type":"bounce","status":"5.1.1",
				 "reason":"550 5.1.1 The email account that you tried to reach does not exist",
				 "sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd8f5-1-5F1","parcours_message_id":"%s"}"""
			.formatted(contact.email(), eventId(), message.providerMessageId(), message.id()))
			.andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.BOUNCED);
		assertThat(messages.find(message.id()).orElseThrow().reason()).isEqualTo("hard-bounce 5.1.1");
		assertThat(suppressions.reasonFor(contact.id(), Channel.EMAIL)).contains("hard-bounce");
		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.SMS)).isTrue();
	}

	/**
	 * Without SendGrid's event ids (a relay that drops them), two messages bounced in one
	 * second are two bounces, not one replayed; the same bounce sent again still counts
	 * once.
	 */
	@Test
	void bouncesOfTwoMessagesInOneSecondWithoutEventIdsAreBothApplied() throws Exception {
		Contact first = daytimeContact();
		Contact second = daytimeContact();
		MessageRecord firstMessage = sentEmail(first);
		MessageRecord secondMessage = sentEmail(second);
		String bounce = """
				{"email":"%s","timestamp":1763887200,"event":"bounce","type":"bounce","status":"5.1.1",
				 "reason":"550 5.1.1 user unknown","parcours_message_id":"%s"}""";

		receive(bounce.formatted(first.email(), firstMessage.id()),
				bounce.formatted(second.email(), secondMessage.id()))
			.andExpect(status().isOk());

		assertThat(statusOf(firstMessage)).isEqualTo(MessageStatus.BOUNCED);
		assertThat(statusOf(secondMessage)).isEqualTo(MessageStatus.BOUNCED);
		assertThat(suppressions.reasonFor(second.id(), Channel.EMAIL)).contains("hard-bounce");
		assertThat(jdbc.sql("select count(*) from webhook_receipt where id like ?")
			.param("%" + first.email() + "%")
			.query(Integer.class)
			.single()).as("no address in the receipts").isZero();
	}

	/**
	 * The person was erased before SendGrid reported the bounce: the address bounces all
	 * the same, and whoever signs up with it later is not written to.
	 */
	@Test
	void aHardBounceReportedAfterTheErasureStillSuppressesTheAddress() throws Exception {
		Contact erased = daytimeContact();
		MessageRecord message = sentEmail(erased);
		contactService.erase(erased.id());
		assertThat(messages.find(message.id()).orElseThrow().recipient()).isNull();

		receive("""
				{"email":"%s","timestamp":1763887200,"event":"bounce","type":"bounce","status":"5.1.1",
				 "sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd8f5-1-5F1","parcours_message_id":"%s"}"""
			.formatted(erased.email(), eventId(), message.providerMessageId(), message.id()))
			.andExpect(status().isOk());

		String id = erased.id() + "-again";
		Contact signedUpAgain = contactService.replace(id,
				new ContactDetails(erased.email(), null, null, "fr-FR", erased.timeZone(), Map.of(Channel.EMAIL, true)),
				"test");
		assertThat(suppressions.reasonFor(signedUpAgain, Channel.EMAIL)).contains("hard-bounce");
		assertThat(contactService.find(erased.id())).as("the erasure stands").isEmpty();
	}

	@Test
	void aDropReasonQuotingTheAddressOfAnErasedContactIsKeptWithoutIt() throws Exception {
		Contact erased = daytimeContact();
		MessageRecord message = sentEmail(erased);
		contactService.erase(erased.id());

		receive("""
				{"email":"%s","timestamp":1763887200,"event":"dropped","reason":"Bounced Address %s",
				 "sg_event_id":"%s","parcours_message_id":"%s"}""".formatted(erased.email(),
				erased.email().toUpperCase(), eventId(), message.id()))
			.andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.FAILED);
		assertThat(messages.find(message.id()).orElseThrow().reason())
			.isEqualTo("dropped: Bounced Address <recipient>");
	}

	@Test
	void aBlockedBounceIsRecordedWithoutSuppressingTheAddress() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord message = sentEmail(contact);

		receive("""
				{"event":"bounce","type":"blocked","status":"4.0.0","timestamp":1763887200,
				 "sg_event_id":"%s","parcours_message_id":"%s"}""".formatted(eventId(), message.id()))
			.andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.BOUNCED);
		assertThat(suppressions.reasonFor(contact.id(), Channel.EMAIL)).isEmpty();
	}

	@Test
	void aSpamReportSuppressesAndADroppedInvalidAddressToo() throws Exception {
		Contact reporter = daytimeContact();
		Contact invalid = daytimeContact();
		MessageRecord reported = sentEmail(reporter);
		MessageRecord dropped = sentEmail(invalid);

		receive(event(reported, "spamreport", eventId()),
				"""
						{"event":"dropped","reason":"Invalid","timestamp":1763887200,"sg_event_id":"%s","parcours_message_id":"%s"}"""
					.formatted(eventId(), dropped.id()))
			.andExpect(status().isOk());

		assertThat(suppressions.reasonFor(reporter.id(), Channel.EMAIL)).contains("spam-report");
		assertThat(messages.find(reported.id()).orElseThrow()).satisfies(message -> {
			assertThat(message.status()).isEqualTo(MessageStatus.DELIVERED);
			assertThat(message.reason()).isEqualTo("spam-report");
		});
		assertThat(suppressions.reasonFor(invalid.id(), Channel.EMAIL)).contains("invalid-address");
		assertThat(statusOf(dropped)).isEqualTo(MessageStatus.FAILED);
	}

	@Test
	void anUnsubscribeWithdrawsConsentAndItsReplayChangesNothingLater() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord message = sentEmail(contact);
		String unsubscribe = event(message, "group_unsubscribe", eventId());

		receive(event(message, "open", eventId()), unsubscribe).andExpect(status().isOk());
		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(messages.find(message.id()).orElseThrow()).satisfies(opened -> {
			assertThat(opened.status()).as("an unsubscribe does not undo the open").isEqualTo(MessageStatus.OPENED);
			assertThat(opened.reason()).isEqualTo("unsubscribed");
		});
		assertThat(suppressions.reasonFor(contact.id(), Channel.EMAIL)).isEmpty();

		contactService.replace(contact.id(),
				new ContactDetails(contact.email(), null, null, null, null, Map.of(Channel.EMAIL, true)),
				"test:opted-in-again");
		receive(unsubscribe).andExpect(status().isOk());

		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.EMAIL)).isTrue();
	}

	@Test
	void aReplayedOpenIsOneLeadActivity() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());
		String open = event(message, "open", eventId());

		receive(open).andExpect(status().isOk());
		receive(open).andExpect(status().isOk());

		assertThat(jdbc.sql("select count(*) from inbound_event where contact_id = ?")
			.param(message.contactId())
			.query(Integer.class)
			.single()).isOne();
	}

	/**
	 * SendGrid's event ids take up to 100 characters: an open with such an id is one lead
	 * activity, even replayed, and the rest of its batch is applied.
	 */
	@Test
	void anOpenWithALongEventIdIsOneLeadActivityAndItsBatchIsApplied() throws Exception {
		MessageRecord opened = sentEmail(daytimeContact());
		MessageRecord bounced = sentEmail(daytimeContact());
		String open = event(opened, "open", "A".repeat(96) + eventId().substring(0, 4));
		String bounce = event(bounced, "bounce", eventId()).replace("\"event\":\"bounce\"",
				"\"event\":\"bounce\",\"type\":\"bounce\",\"status\":\"5.1.1\"");

		receive(open, bounce).andExpect(status().isOk());
		receive(open).andExpect(status().isOk());

		assertThat(jdbc.sql("select count(*) from inbound_event where contact_id = ?")
			.param(opened.contactId())
			.query(Integer.class)
			.single()).isOne();
		assertThat(contactService.find(bounced.contactId()).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
	}

	/**
	 * An id far beyond SendGrid's 100 characters, longer than a receipt holds: its event
	 * is applied once, and the events after it in the batch are applied too.
	 */
	@Test
	void anEventWithAnIdLongerThanAReceiptHoldsIsAppliedOnceWithTheRestOfItsBatch() throws Exception {
		MessageRecord opened = sentEmail(daytimeContact());
		MessageRecord delivered = sentEmail(daytimeContact());
		String open = event(opened, "open", "y".repeat(300) + eventId());
		String delivery = event(delivered, "delivered", eventId());

		receive(open, delivery).andExpect(status().isOk());
		receive(open).andExpect(status().isOk());

		assertThat(statusOf(opened)).isEqualTo(MessageStatus.OPENED);
		assertThat(statusOf(delivered)).isEqualTo(MessageStatus.DELIVERED);
		assertThat(jdbc.sql("select count(*) from inbound_event where contact_id = ?")
			.param(opened.contactId())
			.query(Integer.class)
			.single()).as("one lead activity, replay included").isOne();
	}

	@Test
	void aDeliveredEventSettlesAMessageWhoseOutcomeWasUnknown() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord message = sentEmail(contact);
		Instant handedOver = Instant.parse("2026-11-20T10:00:00Z");
		jdbc.sql("update message set status = 'UNKNOWN', provider_message_id = null, reason = 'no answer in time',"
				+ " sent_at = null, updated_at = ? where id = ?")
			.params(Sql.at(handedOver), message.id())
			.update();

		receive(event(message, "delivered", eventId())).andExpect(status().isOk());

		assertThat(messages.find(message.id()).orElseThrow().sentAt()).as("sent when handed over, not at the webhook")
			.isEqualTo(handedOver);

		assertThat(statusOf(message)).isEqualTo(MessageStatus.DELIVERED);
		assertThat(messages.find(message.id()).orElseThrow().reason()).as("no longer unknown").isNull();
		assertThat(messages.find(message.id()).orElseThrow().providerMessageId())
			.isEqualTo(message.providerMessageId());
	}

	@Test
	void anEventForAnUnknownMessageIsAcknowledged() throws Exception {
		receive("""
				{"event":"delivered","timestamp":1763887200,"sg_event_id":"%s","sg_message_id":"nobody.filter",
				 "parcours_message_id":"%s"}""".formatted(eventId(), UUID.randomUUID())).andExpect(status().isOk());
	}

	@Test
	void aMissingSignatureIsRefusedWith401AndChangesNothing() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());
		double refusedBefore = rejections("no-signature");

		mvc.perform(MockMvcRequestBuilders.post("/webhooks/sendgrid/events")
			.contentType(MediaType.APPLICATION_JSON)
			.content("[" + event(message, "spamreport", eventId()) + "]"))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.field").value("signature"));

		assertThat(suppressions.reasonFor(message.contactId(), Channel.EMAIL)).isEmpty();
		assertThat(rejections("no-signature")).isEqualTo(refusedBefore + 1);
	}

	private double rejections(String reason) {
		return meterRegistry.counter("parcours.webhooks.rejected", "provider", "sendgrid", "reason", reason).count();
	}

	@Test
	void aWrongSignatureIsRefusedWith403AndChangesNothing() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());
		byte[] body = ("[" + event(message, "spamreport", eventId()) + "]").getBytes(StandardCharsets.UTF_8);
		String timestamp = "1763887200";
		byte[] tampered = ("[" + event(message, "delivered", eventId()) + "]").getBytes(StandardCharsets.UTF_8);
		PrivateKey somebodyElse = otherKey();

		perform(body, sign(SENDGRID_WEBHOOK_KEYS.getPrivate(), timestamp, tampered), timestamp)
			.andExpect(status().isForbidden());
		perform(body, sign(somebodyElse, timestamp, body), timestamp).andExpect(status().isForbidden());
		perform(body, sign(SENDGRID_WEBHOOK_KEYS.getPrivate(), timestamp, body), "1763887201")
			.andExpect(status().isForbidden());
		perform(body, "bm90IGEgc2lnbmF0dXJl", timestamp).andExpect(status().isForbidden())
			.andExpect(jsonPath("$.detail").value("The request's SendGrid signature does not match."));

		assertThat(suppressions.reasonFor(message.contactId(), Channel.EMAIL)).isEmpty();
		assertThat(statusOf(message)).isEqualTo(MessageStatus.SENT);
	}

	@Test
	void aSignedBodyThatIsNotAnEventArrayIsABadRequest() throws Exception {
		double refusedBefore = rejections("unreadable");
		for (String notEvents : List.of("{\"not\":\"an array\"}", "\"events\"", "null")) {
			byte[] body = notEvents.getBytes(StandardCharsets.UTF_8);

			perform(body, sign(SENDGRID_WEBHOOK_KEYS.getPrivate(), "1763887200", body), "1763887200")
				.andExpect(status().isBadRequest())
				.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		}
		assertThat(rejections("unreadable")).isEqualTo(refusedBefore + 3);
	}

	/**
	 * SendGrid retries a refused batch as it was: refused whole for one odd event, the
	 * others would never be applied.
	 */
	@Test
	void anUnreadableEventOfASignedBatchIsSkippedAndTheOthersApplied() throws Exception {
		MessageRecord message = sentEmail(daytimeContact());
		double skippedBefore = rejections("unreadable-event");
		String oddTimestamp = event(message, "open", eventId()).replace("\"timestamp\":1763887200",
				"\"timestamp\":\"1763887200\"");

		receive(event(message, "delivered", eventId()), oddTimestamp, "null", "[1]").andExpect(status().isOk());

		assertThat(statusOf(message)).isEqualTo(MessageStatus.DELIVERED);
		assertThat(rejections("unreadable-event")).isEqualTo(skippedBefore + 3);
	}

	/**
	 * A timestamp before the message was sent is no moment of it: the event counts from
	 * the message's creation, and the batch is applied.
	 */
	@Test
	void anEventDatedBeforeItsMessageCountsFromTheMessage() throws Exception {
		MessageRecord opened = sentEmail(daytimeContact());
		MessageRecord delivered = sentEmail(daytimeContact());
		String longAgo = event(opened, "open", eventId()).replace("\"timestamp\":1763887200",
				"\"timestamp\":-99999999999");

		receive(longAgo, event(delivered, "delivered", eventId())).andExpect(status().isOk());

		assertThat(statusOf(opened)).isEqualTo(MessageStatus.OPENED);
		assertThat(statusOf(delivered)).isEqualTo(MessageStatus.DELIVERED);
	}

	private MessageRecord sentEmail(Contact contact) {
		String providerId = "sg" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
		providers
			.stubFor(post(SENDGRID).willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", providerId)));
		String key = "webhook-test/" + UUID.randomUUID();
		delivery.send(new SendRequest(key, contact.id(), Channel.EMAIL, "welcome", "welcome", null, "Task_Send", null,
				Map.of(), MessageCategory.TRANSACTIONAL));
		MessageRecord message = messages.findByKey(key).orElseThrow();
		assertThat(message.status()).isEqualTo(MessageStatus.SENT);
		return message;
	}

	/** One event as SendGrid posts it, with the custom arg we set at send time. */
	private static String event(MessageRecord message, String type, String eventId) {
		return """
				{"email":"%s","timestamp":1763887200,"smtp-id":"<%s@parcours.example>","event":"%s","category":[],
				 "sg_event_id":"%s","sg_message_id":"%s.filterdrecv-5bd8f5-1-5F1","parcours_message_id":"%s",
				 "useragent":"Mozilla/5.0","ip":"203.0.113.7","url":"https://shop.example/"}"""
			.formatted(message.recipient(), message.id(), type, eventId, message.providerMessageId(), message.id());
	}

	private ResultActions receive(String... events) throws Exception {
		byte[] body = ("[" + String.join(",", events) + "]").getBytes(StandardCharsets.UTF_8);
		String timestamp = String.valueOf(clock.instant().getEpochSecond());
		return perform(body, sign(SENDGRID_WEBHOOK_KEYS.getPrivate(), timestamp, body), timestamp);
	}

	private ResultActions perform(byte[] body, String signature, String timestamp) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post("/webhooks/sendgrid/events")
			.contentType(MediaType.APPLICATION_JSON)
			.content(body)
			.header("X-Twilio-Email-Event-Webhook-Signature", signature)
			.header("X-Twilio-Email-Event-Webhook-Timestamp", timestamp);
		return mvc.perform(request);
	}

	/**
	 * What SendGrid does: ECDSA with SHA-256 over the timestamp then the body, base64
	 * DER.
	 */
	static String sign(PrivateKey key, String timestamp, byte[] body) throws Exception {
		Signature signature = Signature.getInstance("SHA256withECDSA");
		signature.initSign(key);
		signature.update(timestamp.getBytes(StandardCharsets.UTF_8));
		signature.update(body);
		return Base64.getEncoder().encodeToString(signature.sign());
	}

	private static PrivateKey otherKey() throws Exception {
		KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
		generator.initialize(new ECGenParameterSpec("secp256r1"));
		return generator.generateKeyPair().getPrivate();
	}

	private MessageStatus statusOf(MessageRecord message) {
		return messages.find(message.id()).orElseThrow().status();
	}

	private Map<String, Object> leadActivity(String eventId) {
		List<Map<String, Object>> rows = jdbc.sql("select type, contact_id, payload from inbound_event where id = ?")
			.param(eventId)
			.query()
			.listOfRows();
		assertThat(rows).hasSize(1);
		return rows.get(0);
	}

	private static String eventId() {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(UUID.randomUUID().toString().getBytes());
	}

}
