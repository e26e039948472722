package io.parcours.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.Suppressions;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactService;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * A STOP, an unsubscribe link, a spam report or a bounce stays until the person gives
 * consent anew: a shop's profile restating its old "consent: true" in later events does
 * not know of the opt-out and cannot undo it; an explicit {@code PUT} (or START) can.
 */
@ParcoursTest
class OptOutIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ContactService contacts;

	@Autowired
	Suppressions suppressions;

	@Test
	void aStopIsNotUndoneByALaterEventRestatingTheShopsConsent() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		contacts.withdrawConsent(contactId, Set.of(Channel.SMS), Instant.now(), "twilio:STOP:SM1");

		event(orderRestatingConsents(contactId)).andExpect(status().isAccepted());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.SMS)).isFalse();

		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"x@example.com\", \"consents\": {\"sms\": true}}")).andExpect(status().isOk());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.SMS)).isTrue();
	}

	@Test
	void aSpamReportStaysSuppressedWhenALaterEventRestatesTheShopsConsent() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		suppressions.suppress(contactId, Channel.EMAIL, "spam-report", "sendgrid", Instant.now());

		event(orderRestatingConsents(contactId)).andExpect(status().isAccepted());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(suppressions.reasonFor(contactId, Channel.EMAIL)).isPresent();
	}

	/**
	 * The shop's own unsubscribe turned email off; the address then bounced (an old
	 * send's late report): the bounce is the person's mailbox speaking, so it stays when
	 * the shop later restates "consent: true".
	 */
	@Test
	void aBounceAfterTheShopsUnsubscribeStaysSuppressed() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		contacts.withdrawConsent(contactId, Set.of(Channel.EMAIL, Channel.SMS), Instant.now(), "event:unsubscribed");
		suppressions.suppress(contactId, Channel.EMAIL, "hard-bounce", "sendgrid", Instant.now());
		contacts.withdrawConsent(contactId, Set.of(Channel.SMS), Instant.now(), "twilio:STOP:SM2");

		event(orderRestatingConsents(contactId)).andExpect(status().isAccepted());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.SMS)).isFalse();
		assertThat(suppressions.reasonFor(contactId, Channel.EMAIL)).contains("hard-bounce");
	}

	/**
	 * The person unsubscribed through SendGrid's link, then the shop withdrew too: the
	 * person's opt-out stays on record, so the shop restating "consent: true" later, by
	 * event or import, does not undo it either.
	 */
	@Test
	void anUnsubscribeStaysWhenTheShopAlsoWithdrawsAndLaterRestatesItsConsent() throws Exception {
		String contactId = EventCalls.signedUpContact(mvc);
		contacts.withdrawConsent(contactId, Set.of(Channel.EMAIL), Instant.now(), "sendgrid:unsubscribe");
		event("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "properties": {"channel": "email"}}"""
			.formatted(TestContacts.newId("e"), contactId)).andExpect(status().isAccepted());

		event(orderRestatingConsents(contactId)).andExpect(status().isAccepted());
		mvc.perform(post("/api/contacts/import").with(httpBasic("mia", "mia"))
			.contentType("text/csv")
			.content("id,emailConsent\n" + contactId + ",true\n")).andExpect(status().isOk());

		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL)).isFalse();
		assertThat(contacts.find(contactId).orElseThrow().consents().get(Channel.EMAIL).source())
			.startsWith("sendgrid:unsubscribe");
	}

	/**
	 * No consent was on record when the person unsubscribed: the withdrawal still is, so
	 * a sign-up stating consent as of before it, arriving late, does not turn email on.
	 */
	@Test
	void anUnsubscribeWithNoConsentOnRecordOutranksAnOlderConsentArrivingLater() throws Exception {
		String contactId = TestContacts.newId("c");
		mvc.perform(put("/api/contacts/{id}", contactId).with(httpBasic("mia", "mia"))
			.contentType(MediaType.APPLICATION_JSON)
			.content("{\"email\": \"x@example.com\"}")).andExpect(status().isCreated());
		Instant unsubscribedAt = Instant.now().minusSeconds(60);
		event("""
				{"id": "%s", "type": "contact.unsubscribed", "contactId": "%s", "occurredAt": "%s",
				 "properties": {"channel": "all"}}""".formatted(TestContacts.newId("e"), contactId, unsubscribedAt))
			.andExpect(status().isAccepted());

		event("""
				{"id": "%s", "type": "contact.signed_up", "contactId": "%s", "occurredAt": "%s",
				 "contact": {"consents": {"email": true, "sms": true}}}""".formatted(TestContacts.newId("e"), contactId,
				unsubscribedAt.minusSeconds(600)))
			.andExpect(status().isAccepted());

		var consents = contacts.find(contactId).orElseThrow().consents();
		assertThat(consents.get(Channel.EMAIL).granted()).isFalse();
		assertThat(consents.get(Channel.SMS).granted()).isFalse();
		assertThat(consents.get(Channel.EMAIL).changedAt()).isEqualTo(unsubscribedAt.truncatedTo(ChronoUnit.MICROS));

		event("""
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "contact": {"consents": {"email": true}},
				 "properties": {"orderId": "%s", "value": 10, "currency": "EUR"}}""".formatted(TestContacts.newId("e"),
				contactId, TestContacts.newId("o")))
			.andExpect(status().isAccepted());
		assertThat(contacts.find(contactId).orElseThrow().consentsTo(Channel.EMAIL))
			.as("consent stated after the unsubscribe counts")
			.isTrue();
	}

	private static String orderRestatingConsents(String contactId) {
		return """
				{"id": "%s", "type": "order.completed", "contactId": "%s",
				 "contact": {"email": "%s@example.com", "consents": {"email": true, "sms": true}},
				 "properties": {"orderId": "%s", "value": 10, "currency": "EUR"}}""".formatted(TestContacts.newId("e"),
				contactId, contactId, TestContacts.newId("o"));
	}

	private ResultActions event(String json) throws Exception {
		return EventCalls.send(mvc, json);
	}

}
