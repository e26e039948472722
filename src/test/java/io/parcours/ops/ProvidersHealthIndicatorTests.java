package io.parcours.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Clock;
import java.util.Map;

import io.parcours.channel.provider.SendGridProperties;
import io.parcours.channel.provider.TwilioProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** Provider reachability against local sockets only: no real provider is called. */
class ProvidersHealthIndicatorTests {

	@Test
	void withoutCredentialsBothChannelsUseTheLogProvider() {
		Health health = indicator(new SendGridProperties(null, null), new TwilioProperties(null, null, null, null))
			.health();

		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKeys("email", "sms");
		assertThat(((Map<?, ?>) health.getDetails().get("email")).get("provider")).isEqualTo("log");
	}

	@Test
	void aReachableProviderIsUp() throws IOException {
		try (ServerSocket fake = new ServerSocket(0)) {
			Health health = indicator(new SendGridProperties("SG.key", "http://127.0.0.1:" + fake.getLocalPort()),
					new TwilioProperties(null, null, null, null))
				.health();

			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(((Map<?, ?>) health.getDetails().get("email")).get("reachable")).isEqualTo(true);
		}
	}

	@Test
	void anUnreachableProviderDegradesTheNodeWithoutTakingItDown() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		Health health = indicator(new SendGridProperties(null, null),
				new TwilioProperties("AC1", "token", "+33600000001", "http://127.0.0.1:" + closedPort))
			.health();

		assertThat(health.getStatus()).isEqualTo(ProvidersHealthIndicator.DEGRADED);
		assertThat(health.getStatus().getDescription()).as("the overall status, shown to anyone, says no more")
			.isEmpty();
		assertThat(((Map<?, ?>) health.getDetails().get("sms")).get("reachable")).isEqualTo(false);
	}

	private static ProvidersHealthIndicator indicator(SendGridProperties sendGrid, TwilioProperties twilio) {
		return new ProvidersHealthIndicator(sendGrid, twilio, new Reachability(), Clock.systemUTC());
	}

}
