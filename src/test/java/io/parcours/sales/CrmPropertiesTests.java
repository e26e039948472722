package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A CRM endpoint that cannot be called is refused at start, naming the setting. */
class CrmPropertiesTests {

	@ParameterizedTest
	@ValueSource(strings = { "crm.example.com/opps", "ftp://crm.example.com/opps", "https:///opps", "mailto:crm" })
	void aWebhookUrlThatIsNoHttpUrlWithAHostIsRefused(String url) {
		assertThatThrownBy(() -> webhookTo(url)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("parcours.crm.webhook-url must be an http(s) URL with a host");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://crm.example.com/opportunities", "http://127.0.0.1:8799/crm" })
	void anHttpUrlIsTaken(String url) {
		assertThat(webhookTo(url).webhookUrl()).isEqualTo(URI.create(url));
	}

	private static CrmProperties webhookTo(String url) {
		return new CrmProperties(CrmProperties.Target.WEBHOOK, URI.create(url), null, Duration.ofSeconds(10));
	}

}
