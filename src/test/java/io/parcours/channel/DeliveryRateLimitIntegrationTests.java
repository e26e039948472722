package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.ProviderRateLimitsTests.FakeTime;
import io.parcours.channel.provider.Providers;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.github.bucket4j.BlockingStrategy;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Delivery asks the provider's rate limit right before calling it: a send over the limit
 * is put off, left ready for its next run, and sent once a slot is free.
 */
@ParcoursTest
class DeliveryRateLimitIntegrationTests {

	@Autowired
	SendGate gate;

	@Autowired
	Messages messages;

	@Autowired
	Suppressions suppressions;

	@Autowired
	Providers providers;

	@Autowired
	Clock clock;

	@Autowired
	TestContacts contacts;

	final FakeTime time = new FakeTime();

	@Test
	void aSendOverTheProvidersRateIsPutOffThenSentOnceWhenASlotFrees() {
		Delivery delivery = new Delivery(gate, messages, suppressions, providers,
				new ProviderRateLimits(new RateLimitProperties(Map.of("log", 1), Duration.ZERO), time, time), clock);
		Contact first = contacts.withConsent(true, false);
		Contact second = contacts.withConsent(true, false);
		assertThat(delivery.send(request(first))).isEqualTo(MessageStatus.SENT);

		assertThatThrownBy(() -> delivery.send(request(second))).isInstanceOf(ProviderBusy.class);
		MessageRecord waiting = messages.ofContact(second.id()).get(0);
		assertThat(waiting.status()).isEqualTo(MessageStatus.RETRYING);
		assertThat(waiting.reason()).contains("rate limit");

		time.nanos += Duration.ofSeconds(1).toNanos();
		assertThat(delivery.send(request(second))).isEqualTo(MessageStatus.SENT);
		assertThat(messages.ofContact(second.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SENT));
	}

	@Test
	void aSendThatWaitsForASlotGoesAsTheSameAttempt() {
		Delivery delivery = new Delivery(gate, messages, suppressions, providers,
				new ProviderRateLimits(new RateLimitProperties(Map.of("log", 1), Duration.ofSeconds(5)), time, time),
				clock);
		Contact first = contacts.withConsent(true, false);
		Contact second = contacts.withConsent(true, false);
		delivery.send(request(first));

		assertThat(delivery.send(request(second))).isEqualTo(MessageStatus.SENT);

		assertThat(time.nanos).isEqualTo(Duration.ofSeconds(1).toNanos());
		assertThat(messages.ofContact(second.id())).singleElement().satisfies(message -> {
			assertThat(message.status()).isEqualTo(MessageStatus.SENT);
			assertThat(message.attempts()).isEqualTo(1);
			assertThat(message.reason()).isNull();
		});
	}

	@Test
	void aNodeStoppedWhileASendWaitsForASlotLeavesTheMessageForTheNextRunNotUnknown() {
		Contact first = contacts.withConsent(true, false);
		Contact second = contacts.withConsent(true, false);
		BlockingStrategy stopDuringTheWait = nanos -> {
			statusDuringTheWait = messages.ofContact(second.id()).get(0).status();
			throw new NodeStopped();
		};
		Delivery stopping = new Delivery(gate, messages, suppressions, providers, new ProviderRateLimits(
				new RateLimitProperties(Map.of("log", 1), Duration.ofSeconds(5)), time, stopDuringTheWait), clock);
		stopping.send(request(first));

		assertThatThrownBy(() -> stopping.send(request(second))).isInstanceOf(NodeStopped.class);
		assertThat(statusDuringTheWait).isEqualTo(MessageStatus.RETRYING);

		time.nanos += Duration.ofSeconds(1).toNanos();
		Delivery restarted = new Delivery(gate, messages, suppressions, providers,
				new ProviderRateLimits(new RateLimitProperties(Map.of("log", 1), Duration.ofSeconds(5)), time, time),
				clock);
		assertThat(restarted.send(request(second))).isEqualTo(MessageStatus.SENT);
		assertThat(messages.ofContact(second.id())).singleElement()
			.satisfies(message -> assertThat(message.status()).isEqualTo(MessageStatus.SENT));
	}

	MessageStatus statusDuringTheWait;

	/** What a SIGKILL does to the waiting thread, as far as the database can tell. */
	static final class NodeStopped extends Error {

	}

	private static SendRequest request(Contact contact) {
		return new SendRequest("rate-limit-test/" + contact.id(), contact.id(), Channel.EMAIL, "welcome",
				"rate-limit-test", null, "Task_Send", null, Map.of());
	}

}
