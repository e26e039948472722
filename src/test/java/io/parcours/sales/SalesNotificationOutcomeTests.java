package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.MessageProvider;
import io.parcours.channel.MessageTemplates;
import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.ProviderReceipt;
import io.parcours.channel.provider.Providers;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;

/**
 * A rep's notification whose provider call timed out after the request went may have
 * reached them: it is not sent again when the step runs again, as a contact's message is
 * not.
 */
@ParcoursTest
class SalesNotificationOutcomeTests {

	@Autowired
	IdentityService identity;

	@Autowired
	MessageTemplates templates;

	@Autowired
	SentNotifications sent;

	@Autowired
	SalesProperties properties;

	@Autowired
	ApplicationEventPublisher events;

	@Test
	void aNotificationThatMayHaveGoneIsNotSentAgain() {
		AtomicInteger calls = new AtomicInteger();
		MessageProvider timingOut = new MessageProvider() {

			@Override
			public String name() {
				return "sendgrid";
			}

			@Override
			public ProviderReceipt send(OutboundMessage message) {
				calls.incrementAndGet();
				throw new ProviderException.OutcomeUnknown("SendGrid did not answer in time", null);
			}

		};
		Providers providers = mock(Providers.class);
		when(providers.forContact(any(), any())).thenReturn(timingOut);
		SalesNotifications notifications = new SalesNotifications(identity, templates, providers, sent, properties,
				events, Clock.systemUTC());
		String rep = TestContacts.newId("rep").replace("-", "");
		User user = identity.newUser(rep);
		user.setEmail(rep + "@parcours.example");
		user.setPassword("rep-password-1");
		identity.saveUser(user);
		String key = TestContacts.newId("hot-lead");
		Map<String, Object> lead = Map.of("company", "Acme", "fitScore", 60, "engagementScore", 40, "leadScore", 100,
				"qualifyDueAt", "2026-11-27T10:00:00Z");

		notifications.notify(key, TestContacts.newId("c"), "sales-hot-lead", rep, "sales", "task-1", lead);
		// the step run again (its job retried)
		notifications.notify(key, TestContacts.newId("c"), "sales-hot-lead", rep, "sales", "task-1", lead);

		assertThat(calls).hasValue(1);
	}

}
