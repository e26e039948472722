package io.parcours.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;

import io.parcours.ParcoursTest;
import io.parcours.config.ParcoursMeters;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;

/**
 * Without verification keys (the default test settings), webhooks are refused rather than
 * accepted unsigned.
 */
@ParcoursTest
class WebhooksWithoutKeysIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MeterRegistry meters;

	@Test
	void sendGridEventsAreRefusedWhenNoVerificationKeyIsConfigured() throws Exception {
		double before = rejected("sendgrid");

		mvc.perform(post("/webhooks/sendgrid/events").contentType(MediaType.APPLICATION_JSON)
			.content("[{\"event\":\"spamreport\",\"sg_event_id\":\"x\"}]")
			.header("X-Twilio-Email-Event-Webhook-Signature", "MEUCIQ==")
			.header("X-Twilio-Email-Event-Webhook-Timestamp", "1763887200")).andExpect(status().isForbidden());

		assertThat(rejected("sendgrid")).isEqualTo(before + 1);
	}

	@Test
	void twilioCallbacksAreRefusedWhenNoAuthTokenIsConfigured() throws Exception {
		double before = rejected("twilio");

		mvc.perform(post("/webhooks/twilio/inbound").contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.param("From", "+33612345678")
			.param("Body", "STOP")
			.header("X-Twilio-Signature", "c2lnbmF0dXJl")).andExpect(status().isForbidden());

		assertThat(rejected("twilio")).isEqualTo(before + 1);
	}

	private double rejected(String provider) {
		return meters.counter(ParcoursMeters.WEBHOOK_REJECTIONS, "provider", provider, "reason", "no-key").count();
	}

}
