package io.parcours.channel.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parcours.contact.Channel;

import org.junit.jupiter.api.Test;

/**
 * Test runs of journeys never reach SendGrid or Twilio, even when they are configured.
 */
class ProvidersTests {

	final Providers providers = new Providers(new SendGridProperties("SG.key", "http://127.0.0.1:9"),
			new TwilioProperties("AC123", "token", "+33600000001", "http://127.0.0.1:9"),
			new EmailProperties("hello@parcours.example", "Parcours"), "http://127.0.0.1:8087",
			new SimpleMeterRegistry());

	@Test
	void realContactsGoThroughTheConfiguredProviders() {
		assertThat(providers.forContact(Channel.EMAIL, "c-42").name()).isEqualTo("sendgrid");
		assertThat(providers.forContact(Channel.SMS, "c-42").name()).isEqualTo("twilio");
	}

	@Test
	void testRunContactsOnlyReachTheLogProvider() {
		assertThat(providers.forContact(Channel.EMAIL, "test-run:1a2b3c4d").name()).isEqualTo("log");
		assertThat(providers.forContact(Channel.SMS, "test-run:1a2b3c4d").name()).isEqualTo("log");
	}

}
