package io.parcours.channel.webhook;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.twilio.security.RequestValidator;

import io.parcours.TestContacts;
import io.parcours.channel.Delivery;
import io.parcours.channel.MessageCategory;
import io.parcours.channel.MessageRecord;
import io.parcours.channel.MessageStatus;
import io.parcours.channel.SendRequest;
import io.parcours.channel.Suppressions;
import io.parcours.channel.WithFakeProviders;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/**
 * Twilio status callbacks and inbound SMS, signed the way Twilio signs them (HMAC-SHA1
 * with the auth token over the public URL and the sorted form fields, checked here
 * against the SDK's own validator) while MockMvc calls the application at another URL, as
 * a proxy would.
 */
class TwilioWebhookIntegrationTests extends WithFakeProviders {

	@Autowired
	MockMvc mvc;

	@Autowired
	Delivery delivery;

	@Autowired
	Suppressions suppressions;

	@Test
	void statusCallbacksMoveTheSmsOnAndAReplayChangesNothing() throws Exception {
		MessageRecord sms = sentSms(daytimeContact());

		statusCallback(sms, "sent", null).andExpect(status().isNoContent());
		statusCallback(sms, "delivered", null).andExpect(status().isNoContent());
		statusCallback(sms, "sent", null).andExpect(status().isNoContent());

		assertThat(statusOf(sms)).isEqualTo(MessageStatus.DELIVERED);
	}

	@Test
	void aStatusOfAnotherSmsChangesNothing() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord sms = sentSms(contact);

		statusCallback(sms, sid(), "failed", "21211").andExpect(status().isNoContent());

		assertThat(statusOf(sms)).isEqualTo(sms.status());
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).isEmpty();
	}

	@Test
	void anUnknownNumberFailsTheSmsAndSuppressesTheNumber() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord sms = sentSms(contact);

		statusCallback(sms, "undelivered", "30005").andExpect(status().isNoContent());

		MessageRecord failed = messages.find(sms.id()).orElseThrow();
		assertThat(failed.status()).isEqualTo(MessageStatus.FAILED);
		assertThat(failed.reason()).isEqualTo("undelivered (Twilio error 30005)");
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).contains("invalid-number");
		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.SMS)).isFalse();
	}

	/**
	 * The codes Twilio answers at send time come in callbacks too (with a Messaging
	 * Service): each suppresses the number there as well.
	 */
	@Test
	void everyRecipientErrorOfACallbackSuppressesTheNumber() throws Exception {
		for (String code : List.of("21211", "21214", "21217", "21407", "21612", "21614", "30006")) {
			Contact contact = daytimeContact();

			statusCallback(sentSms(contact), "failed", code).andExpect(status().isNoContent());

			assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).as(code).contains("invalid-number");
		}
		Contact offForNow = daytimeContact();
		statusCallback(sentSms(offForNow), "undelivered", "30003").andExpect(status().isNoContent());
		assertThat(suppressions.reasonFor(offForNow.id(), Channel.SMS)).isEmpty();
	}

	/** Parcours acts on each inbound message once, by its sid. */
	@Test
	void anInboundMessageWithoutItsSidIsABadRequest() throws Exception {
		Contact contact = daytimeContact();

		inbound(null, contact.phone(), "STOP").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("MessageSid"));

		assertThat(contactService.find(contact.id()).orElseThrow().consentsTo(Channel.SMS)).isTrue();
	}

	/** Twilio reported after the erasure: the number is invalid all the same. */
	@Test
	void anUnknownNumberReportedAfterTheErasureStillSuppressesTheNumber() throws Exception {
		Contact erased = daytimeContact();
		MessageRecord sms = sentSms(erased);
		contactService.erase(erased.id());
		assertThat(messages.find(sms.id()).orElseThrow().recipient()).isNull();

		statusCallback(sms, "undelivered", "30005").andExpect(status().isNoContent());

		Contact sameNumber = contactService.replace(erased.id() + "-again",
				new ContactDetails(null, erased.phone(), null, "fr-FR", erased.timeZone(), Map.of(Channel.SMS, true)),
				"test");
		assertThat(suppressions.reasonFor(sameNumber, Channel.SMS)).contains("invalid-number");
	}

	/** Twilio always names the message; a call that does not is still told apart. */
	@Test
	void statusCallbacksWithoutAMessageSidAreToldApartByOurMessageId() throws Exception {
		MessageRecord first = sentSms(daytimeContact());
		MessageRecord second = sentSms(daytimeContact());

		for (MessageRecord sms : List.of(first, second)) {
			Map<String, String> form = new LinkedHashMap<>();
			form.put("AccountSid", TWILIO_SID);
			form.put("MessageStatus", "delivered");
			signedPost("/webhooks/twilio/status?messageId=" + sms.id(), form).andExpect(status().isNoContent());
		}

		assertThat(statusOf(first)).isEqualTo(MessageStatus.DELIVERED);
		assertThat(statusOf(second)).isEqualTo(MessageStatus.DELIVERED);
	}

	@Test
	void anUnreachableHandsetFailsTheSmsWithoutSuppressingTheNumber() throws Exception {
		Contact contact = daytimeContact();
		MessageRecord sms = sentSms(contact);

		statusCallback(sms, "undelivered", "30003").andExpect(status().isNoContent());

		assertThat(statusOf(sms)).isEqualTo(MessageStatus.FAILED);
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).isEmpty();
	}

	@Test
	void aStatusForAnUnknownMessageIsAcknowledged() throws Exception {
		Map<String, String> form = Map.of("MessageSid", "SMunknown", "MessageStatus", "delivered", "AccountSid",
				TWILIO_SID);

		signedPost("/webhooks/twilio/status?messageId=" + UUID.randomUUID(), form).andExpect(status().isNoContent());
	}

	@Test
	void stopWithdrawsSmsConsentAndStartGivesItBackLiftingTheSuppression() throws Exception {
		Contact contact = daytimeContact();
		statusCallback(sentSms(contact), "failed", "21610").andExpect(status().isNoContent());
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).contains("opted-out");
		String stop = "SM" + UUID.randomUUID().toString().replace("-", "");

		inbound(stop, contact.phone(), "Stop").andExpect(status().isOk());
		assertThat(consentsToSms(contact)).isFalse();

		inbound("SM" + UUID.randomUUID().toString().replace("-", ""), contact.phone(), " START ")
			.andExpect(status().isOk());
		assertThat(consentsToSms(contact)).isTrue();
		assertThat(suppressions.reasonFor(contact.id(), Channel.SMS)).isEmpty();

		inbound(stop, contact.phone(), "Stop").andExpect(status().isOk());
		assertThat(consentsToSms(contact)).as("a replayed STOP has no second effect").isTrue();
	}

	/**
	 * A sid no Twilio message has (hundreds of characters) is refused naming it, and
	 * changes nothing; a status callback quoting one is acknowledged and changes nothing.
	 */
	@Test
	void aSidNoTwilioMessageHasIsRefusedAndChangesNothing() throws Exception {
		Contact contact = daytimeContact();
		String absurd = "SM" + "a".repeat(250);

		inbound(absurd, contact.phone(), "STOP").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("MessageSid"));
		assertThat(consentsToSms(contact)).isTrue();

		MessageRecord sms = sentSms(contact);
		statusCallback(sms, absurd, "delivered", null).andExpect(status().isNoContent());
		assertThat(messages.find(sms.id()).orElseThrow().status()).isEqualTo(MessageStatus.SENT);
	}

	/**
	 * The STOP is about the number: a contact the shop creates later with it, consenting
	 * to SMS, is not texted until a START comes from the number.
	 */
	@Test
	void stopKeepsTheNumberFromContactsGivenItLaterUntilStart() throws Exception {
		String number = uniquePhone();
		inbound(sid(), number, "STOP").andExpect(status().isOk());
		String id = TestContacts.newId("c");
		Contact later = contactService.replace(id,
				new ContactDetails(id + "@example.com", number, "Ana", "fr-FR", "UTC", Map.of(Channel.SMS, true)),
				"test");
		assertThat(later.consentsTo(Channel.SMS)).isTrue();

		MessageRecord skipped = smsTo(later);
		assertThat(skipped.status()).isEqualTo(MessageStatus.SKIPPED);
		assertThat(skipped.reason()).isEqualTo("suppressed:opted-out");

		inbound(sid(), number, "START").andExpect(status().isOk());
		assertThat(sentSms(later).status()).isEqualTo(MessageStatus.SENT);
	}

	/**
	 * A "YES" texted back by someone who never opted in, or who unsubscribed at the shop,
	 * opts nobody in.
	 */
	@Test
	void startOptsInNobodyWhoDidNotOptOutBySms() throws Exception {
		Contact neverConsented = contactService.merge(TestContacts.newId("c"),
				new ContactDetails(null, "+33644444444", null, null, null, Map.of(Channel.SMS, false)), clock.instant(),
				"event:signup");
		Contact unsubscribedAtTheShop = contactWithPhone("+33655555555");
		contactService.withdrawConsent(unsubscribedAtTheShop.id(), Set.of(Channel.SMS), clock.instant(),
				"event:unsubscribed");

		inbound(sid(), neverConsented.phone(), "Yes").andExpect(status().isOk());
		inbound(sid(), unsubscribedAtTheShop.phone(), "START").andExpect(status().isOk());
		// a STOP on a consent already off withdraws nothing a START could give back
		for (Contact contact : List.of(neverConsented, unsubscribedAtTheShop)) {
			inbound(sid(), contact.phone(), "STOP").andExpect(status().isOk());
			inbound(sid(), contact.phone(), "START").andExpect(status().isOk());
		}

		assertThat(consentsToSms(neverConsented)).isFalse();
		assertThat(consentsToSms(unsubscribedAtTheShop)).isFalse();
	}

	/** The shop withdrew the consent too, after the STOP: a START gives nothing back. */
	@Test
	void startAfterTheShopAlsoWithdrewTheConsentOptsNobodyIn() throws Exception {
		Contact contact = contactWithPhone(uniquePhone());
		inbound(sid(), contact.phone(), "STOP").andExpect(status().isOk());
		contactService.withdrawConsent(contact.id(), Set.of(Channel.SMS), clock.instant(), "event:unsubscribed");

		inbound(sid(), contact.phone(), "START").andExpect(status().isOk());

		assertThat(consentsToSms(contact)).isFalse();
	}

	@Test
	void twiliosOtherOptOutKeywordsWithdrawConsentButHelpAndChatDoNot() throws Exception {
		Contact unsubscribes = contactWithPhone("+33611111111");
		Contact asksForHelp = contactWithPhone("+33622222222");
		Contact chats = contactWithPhone("+33633333333");

		inbound(sid(), unsubscribes.phone(), "unsubscribe").andExpect(status().isOk());
		inbound(sid(), asksForHelp.phone(), "HELP").andExpect(status().isOk());
		inbound(sid(), chats.phone(), "Please stop by the shop tomorrow").andExpect(status().isOk());

		assertThat(consentsToSms(unsubscribes)).isFalse();
		assertThat(consentsToSms(asksForHelp)).isTrue();
		assertThat(consentsToSms(chats)).isTrue();
	}

	@Test
	void aMissingSignatureIsRefusedWith401AndChangesNothing() throws Exception {
		Contact contact = daytimeContact();

		mvc.perform(MockMvcRequestBuilders.post("/webhooks/twilio/inbound")
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("MessageSid", sid())
			.param("From", contact.phone())
			.param("Body", "STOP")).andExpect(status().isUnauthorized());

		assertThat(consentsToSms(contact)).isTrue();
	}

	@Test
	void aWrongSignatureIsRefusedWith403AndChangesNothing() throws Exception {
		Contact contact = daytimeContact();
		Map<String, String> form = inboundForm(sid(), contact.phone(), "STOP");
		String path = "/webhooks/twilio/inbound";

		perform(path, form, signature("wrong-token", PUBLIC_URL + path, form)).andExpect(status().isForbidden());
		// signed over the URL the application sees, not the public one Twilio calls
		perform(path, form, signature(TWILIO_TOKEN, "http://localhost" + path, form)).andExpect(status().isForbidden());
		Map<String, String> tampered = new LinkedHashMap<>(form);
		tampered.put("From", "+33699999999");
		perform(path, tampered, signature(TWILIO_TOKEN, PUBLIC_URL + path, form)).andExpect(status().isForbidden());

		assertThat(consentsToSms(contact)).isTrue();
	}

	private MessageRecord sentSms(Contact contact) {
		MessageRecord sms = smsTo(contact);
		assertThat(sms.status()).isEqualTo(MessageStatus.SENT);
		return sms;
	}

	/** An SMS to the contact, as the policy lets it go or not. */
	private MessageRecord smsTo(Contact contact) {
		String sid = sid();
		providers.stubFor(post(TWILIO).willReturn(aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"sid\": \"" + sid + "\", \"status\": \"queued\"}")));
		String key = "twilio-webhook-test/" + UUID.randomUUID();
		delivery.send(new SendRequest(key, contact.id(), Channel.SMS, "first-order-coupon", "welcome", null,
				"Task_Send", null, Map.of(), MessageCategory.TRANSACTIONAL));
		return messages.findByKey(key).orElseThrow();
	}

	private ResultActions statusCallback(MessageRecord sms, String status, String errorCode) throws Exception {
		return statusCallback(sms, sms.providerMessageId(), status, errorCode);
	}

	private ResultActions statusCallback(MessageRecord sms, String messageSid, String status, String errorCode)
			throws Exception {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("AccountSid", TWILIO_SID);
		form.put("MessageSid", messageSid);
		form.put("SmsSid", messageSid);
		form.put("MessageStatus", status);
		form.put("To", sms.recipient());
		form.put("From", "+15005550006");
		form.put("ApiVersion", "2010-04-01");
		if (errorCode != null) {
			form.put("ErrorCode", errorCode);
		}
		// the status callback Parcours gave Twilio at send time, with our message id
		return signedPost("/webhooks/twilio/status?messageId=" + sms.id(), form);
	}

	private ResultActions inbound(String messageSid, String from, String body) throws Exception {
		return signedPost("/webhooks/twilio/inbound", inboundForm(messageSid, from, body));
	}

	private static Map<String, String> inboundForm(String messageSid, String from, String body) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("AccountSid", TWILIO_SID);
		if (messageSid != null) {
			form.put("MessageSid", messageSid);
		}
		form.put("From", from);
		form.put("To", "+15005550006");
		form.put("Body", body);
		form.put("NumMedia", "0");
		return form;
	}

	private ResultActions signedPost(String pathAndQuery, Map<String, String> form) throws Exception {
		String signature = signature(TWILIO_TOKEN, PUBLIC_URL + pathAndQuery, form);
		assertThat(new RequestValidator(TWILIO_TOKEN).validate(PUBLIC_URL + pathAndQuery, form, signature))
			.as("signed as the SDK's validator expects")
			.isTrue();
		return perform(pathAndQuery, form, signature);
	}

	private ResultActions perform(String pathAndQuery, Map<String, String> form, String signature) throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(pathAndQuery)
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.header("X-Twilio-Signature", signature);
		form.forEach(request::param);
		return mvc.perform(request);
	}

	/**
	 * Twilio's algorithm: HMAC-SHA1 of the URL followed by each field's name and value,
	 * sorted.
	 */
	static String signature(String authToken, String url, Map<String, String> form) throws Exception {
		StringBuilder data = new StringBuilder(url);
		form.keySet().stream().sorted().forEach(name -> data.append(name).append(form.get(name)));
		Mac mac = Mac.getInstance("HmacSHA1");
		mac.init(new SecretKeySpec(authToken.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
		return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
	}

	private Contact contactWithPhone(String phone) {
		Contact contact = daytimeContact();
		return contactService.merge(contact.id(), new ContactDetails(null, phone, null, null, null, Map.of()),
				clock.instant(), "test");
	}

	private boolean consentsToSms(Contact contact) {
		return contactService.find(contact.id()).orElseThrow().consentsTo(Channel.SMS);
	}

	private MessageStatus statusOf(MessageRecord message) {
		return messages.find(message.id()).orElseThrow().status();
	}

	private static String sid() {
		return "SM" + UUID.randomUUID().toString().replace("-", "");
	}

}
