package io.parcours.channel.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.channel.ProviderReceipt;
import io.parcours.contact.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real sendgrid-java SDK talking HTTP to a local fake of SendGrid's v3 API. */
class SendGridEmailProviderTests {

	@RegisterExtension
	static WireMockExtension sendGrid = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final OutboundMessage MESSAGE = new OutboundMessage("msg-1", "c-1", Channel.EMAIL, "ana@example.com",
			"Bienvenue, Ana !", "<h1>Bienvenue</h1>");

	SendGridEmailProvider provider = new SendGridEmailProvider(
			new SendGridProperties("SG.test-key", sendGrid.baseUrl()),
			new EmailProperties("hello@parcours.example", "Parcours"));

	/**
	 * A kept-alive connection the server closed meanwhile is not written to: the next
	 * email goes, instead of getting no answer and being left 'unknown', never sent.
	 */
	@Test
	void aConnectionTheServerClosedMeanwhileIsNotReused() throws Exception {
		try (var server = new ShortKeepAliveServer(202, "X-Message-Id: sg-1\r\n", "")) {
			var closing = new SendGridEmailProvider(
					new SendGridProperties("SG.test-key", "http://127.0.0.1:" + server.port()),
					new EmailProperties("hello@parcours.example", "Parcours"));

			for (int email = 0; email < 3; email++) {
				assertThat(closing.send(MESSAGE).providerMessageId()).isEqualTo("sg-1");
				Thread.sleep(300);
			}
			assertThat(server.requests).hasValue(3);
		}
	}

	@Test
	void sendsTheMailWithTheApiKeyRecipientContentAndOurMessageId() {
		sendGrid
			.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-42")));

		ProviderReceipt receipt = provider.send(MESSAGE);

		assertThat(receipt.providerMessageId()).isEqualTo("sg-42");
		sendGrid.verify(1,
				postRequestedFor(urlEqualTo("/v3/mail/send")).withHeader("Authorization", equalTo("Bearer SG.test-key"))
					.withRequestBody(equalToJson("""
							{
							  "from": {"email": "hello@parcours.example", "name": "Parcours"},
							  "subject": "Bienvenue, Ana !",
							  "personalizations": [{"to": [{"email": "ana@example.com"}],
							                        "custom_args": {"parcours_message_id": "msg-1"}}],
							  "content": [{"type": "text/html", "value": "<h1>Bienvenue</h1>"}]
							}""")));
	}

	@Test
	void aMarketingMailCarriesSendGridsUnsubscribeLink() {
		sendGrid.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(202)));

		provider
			.send(new OutboundMessage("msg-2", "c-1", Channel.EMAIL, "ana@example.com", "-10 %", "<p>Offre</p>", true));

		sendGrid.verify(1, postRequestedFor(urlEqualTo("/v3/mail/send"))
			.withRequestBody(matchingJsonPath("$.tracking_settings.subscription_tracking.enable", equalTo("true"))));
	}

	/**
	 * Every job thread sends at once: none waits for a connection (HttpClient's default
	 * of 2 per host made the others time out after 5 s while SendGrid was merely slow).
	 */
	@Test
	void slowAnswersDoNotMakeConcurrentSendsWaitForAConnection() throws Exception {
		sendGrid.stubFor(post("/v3/mail/send")
			.willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-slow").withFixedDelay(2_500)));
		ExecutorService jobThreads = Executors.newFixedThreadPool(8);
		try {
			List<Future<ProviderReceipt>> sends = new ArrayList<>();
			for (int thread = 0; thread < 8; thread++) {
				sends.add(jobThreads.submit(() -> provider.send(MESSAGE)));
			}
			for (Future<ProviderReceipt> send : sends) {
				assertThat(send.get(30, TimeUnit.SECONDS).providerMessageId()).isEqualTo("sg-slow");
			}
		}
		finally {
			jobThreads.shutdownNow();
		}
	}

	@Test
	void serverErrorsAreWorthRetrying() {
		sendGrid.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(503).withBody("{\"errors\":[]}")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessageContaining("503");
	}

	@Test
	void rateLimitsAreRetriedNotBeforeRetryAfter() {
		sendGrid
			.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "120")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.RateLimited.class,
				limited -> assertThat(limited.notBefore()).isAfter(Instant.now().plusSeconds(110)));
	}

	@Test
	void anInvalidRecipientIsRejectedForGood() {
		sendGrid.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(400)
			.withBody(
					"""
							{"errors":[{"message":"Does not contain a valid address.","field":"personalizations.0.to.0.email"}]}""")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOfSatisfying(
				ProviderException.RecipientRejected.class,
				rejected -> assertThat(rejected.reason()).isEqualTo("invalid-address"));
	}

	@Test
	void theAddressSendGridQuotesInItsErrorIsNotKept() {
		sendGrid.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(400)
			.withBody("{\"errors\":[{\"message\":\"ana@example.com is on a blocked domain\"}]}")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.class)
			.hasMessageContaining("<recipient> is on a blocked domain")
			.hasMessageNotContaining("ana@example.com");
	}

	@Test
	void aRefusedApiKeyFailsClearlyWithoutRetry() {
		sendGrid.stubFor(post("/v3/mail/send").willReturn(aResponse().withStatus(401)
			.withBody(
					"{\"errors\":[{\"message\":\"The provided authorization grant is invalid, expired, or revoked\"}]}")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Misconfigured.class)
			.isInstanceOf(io.parcours.journey.NonRetryable.class)
			.hasMessageContaining("401")
			.hasMessageContaining("authorization grant is invalid");
	}

	@Test
	void anUnreachableServerIsWorthRetrying() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		var unreachable = new SendGridEmailProvider(new SendGridProperties("SG.k", "http://localhost:" + closedPort),
				new EmailProperties("hello@parcours.example", "Parcours"));

		assertThatThrownBy(() -> unreachable.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class);
	}

}
