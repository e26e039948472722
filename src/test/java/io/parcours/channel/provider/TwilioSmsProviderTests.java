package io.parcours.channel.provider;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;

import io.parcours.channel.OutboundMessage;
import io.parcours.channel.ProviderException;
import io.parcours.contact.Channel;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The real twilio-java SDK talking HTTP to a local fake of Twilio's Messages API. */
class TwilioSmsProviderTests {

	static final String SID = "AC00000000000000000000000000000001";

	static final String MESSAGES = "/2010-04-01/Accounts/" + SID + "/Messages.json";

	@RegisterExtension
	static WireMockExtension twilio = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	static final OutboundMessage MESSAGE = new OutboundMessage("msg-7", "c-1", Channel.SMS, "+33612345678", null,
			"Ana, -10% with WELCOME10");

	TwilioSmsProvider provider = new TwilioSmsProvider(
			new TwilioProperties(SID, "token-123", "+15005550006", "http://localhost:" + twilio.getPort()),
			"https://parcours.example.com");

	@Test
	void postsTheMessageWithBasicAuthRecipientBodyAndStatusCallback() {
		twilio.stubFor(post(MESSAGES).willReturn(created("SM123")));

		assertThat(provider.send(MESSAGE).providerMessageId()).isEqualTo("SM123");

		String basic = Base64.getEncoder().encodeToString((SID + ":token-123").getBytes(StandardCharsets.US_ASCII));
		twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)).withHeader("Authorization", equalTo("Basic " + basic))
			.withRequestBody(containing("To=%2B33612345678"))
			.withRequestBody(containing("From=%2B15005550006"))
			.withRequestBody(containing("Body=Ana%2C+-10%25+with+WELCOME10"))
			.withRequestBody(containing(
					"StatusCallback=https%3A%2F%2Fparcours.example.com%2Fwebhooks%2Ftwilio%2Fstatus%3FmessageId%3Dmsg-7")));
	}

	/**
	 * A Twilio that never answers would hold the job thread past the job's lock: the job
	 * would run again on a live node while the first call still waits.
	 */
	@Test
	void aCallTwilioDoesNotAnswerInTimeEndsWithAnUnknownOutcome() {
		var impatient = new TwilioSmsProvider(
				new TwilioProperties(SID, "token-123", "+15005550006", "http://localhost:" + twilio.getPort()),
				"https://parcours.example.com", Duration.ofMillis(500));
		twilio.stubFor(post(MESSAGES).willReturn(created("SM-late").withFixedDelay(5_000)));
		long started = System.nanoTime();

		assertThatThrownBy(() -> impatient.send(MESSAGE)).isInstanceOf(ProviderException.OutcomeUnknown.class)
			.hasMessageContaining("did not answer in time");

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
		assertThat(TwilioHttpClient.READ_TIMEOUT).isLessThan(Duration.ofSeconds(30));
	}

	/**
	 * A kept-alive connection Twilio closed meanwhile is not written to: the next SMS
	 * goes, instead of getting no answer and being left 'unknown', never sent.
	 */
	@Test
	void aConnectionTheServerClosedMeanwhileIsNotReused() throws Exception {
		try (var server = new ShortKeepAliveServer(201, "",
				"{\"sid\": \"SM1\", \"status\": \"queued\", \"to\": \"+33612345678\", \"from\": \"+15005550006\", \"body\": \"x\"}")) {
			var closing = new TwilioSmsProvider(
					new TwilioProperties(SID, "token-123", "+15005550006", "http://127.0.0.1:" + server.port()),
					"https://parcours.example.com");

			for (int sms = 0; sms < 3; sms++) {
				assertThat(closing.send(MESSAGE).providerMessageId()).isEqualTo("SM1");
				Thread.sleep(300);
			}
			assertThat(server.requests).hasValue(3);
		}
	}

	@Test
	void serverErrorsAreRetriedByTheEngineNotByTheSdk() {
		twilio.stubFor(
				post(MESSAGES).willReturn(error(503, 20503, "Service Unavailable").withHeader("Retry-After", "1")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessageContaining("503");
		twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	/**
	 * A proxy or load balancer in front of Twilio answers in its own format: still a
	 * server error, retried, with its real status.
	 */
	@Test
	void aServerErrorInAnotherFormatIsRetriedWithItsStatus() {
		twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(504)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\": \"upstream timed out\"}")));
		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessage("Twilio answered 504: no Twilio error in the answer");

		twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(502).withBody("<html>Bad gateway</html>")));
		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessageContaining("502");

		twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(503)));
		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessageContaining("503");
	}

	/**
	 * The request reached Twilio, the answer did not come back whole: Twilio may have
	 * taken the SMS, so it is never sent again.
	 */
	@Test
	void aCallCutAfterSendingEndsWithAnUnknownOutcome() {
		for (Fault fault : List.of(Fault.EMPTY_RESPONSE, Fault.MALFORMED_RESPONSE_CHUNK,
				Fault.CONNECTION_RESET_BY_PEER)) {
			twilio.resetAll();
			twilio.stubFor(post(MESSAGES).willReturn(aResponse().withFault(fault)));

			assertThatThrownBy(() -> provider.send(MESSAGE)).as(fault.name())
				.isInstanceOf(ProviderException.OutcomeUnknown.class)
				.hasMessageContaining("may have been sent");
			twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
		}
		twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withBody("{\"sid\": ")));
		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.OutcomeUnknown.class)
			.hasMessageContaining("201");
		twilio.stubFor(post(MESSAGES).willReturn(aResponse().withStatus(201).withBody("null")));
		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.OutcomeUnknown.class)
			.hasMessageContaining("probably sent");
	}

	/** Nothing left: sending again is safe. */
	@Test
	void aTwilioThatCannotBeReachedIsRetried() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		var unreachable = new TwilioSmsProvider(
				new TwilioProperties(SID, "token-123", "+15005550006", "http://localhost:" + closedPort),
				"https://parcours.example.com");

		assertThatThrownBy(() -> unreachable.send(MESSAGE)).isInstanceOf(ProviderException.Transient.class)
			.hasMessageContaining("unreachable");
	}

	@Test
	void rateLimitsHonourRetryAfter() {
		twilio
			.stubFor(post(MESSAGES).willReturn(error(429, 20429, "Too Many Requests").withHeader("Retry-After", "30")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOfSatisfying(ProviderException.RateLimited.class,
				limited -> assertThat(limited.notBefore()).isAfter(Instant.now().plusSeconds(25)));
		twilio.verify(1, postRequestedFor(urlEqualTo(MESSAGES)));
	}

	@Test
	void anInvalidNumberIsRejectedForGood() {
		twilio.stubFor(post(MESSAGES).willReturn(error(400, 21211, "The 'To' number is not a valid phone number.")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOfSatisfying(
				ProviderException.RecipientRejected.class,
				rejected -> assertThat(rejected.reason()).isEqualTo("invalid-number"));
	}

	@Test
	void theNumberTwilioQuotesInItsErrorIsNotKept() {
		twilio.stubFor(post(MESSAGES)
			.willReturn(error(400, 21266, "'To' and 'From' number cannot be the same: +33612345678")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Misconfigured.class)
			.hasMessageContaining("21266")
			.hasMessageContaining("<recipient>")
			.hasMessageNotContaining("33612345678")
			.hasNoCause();
	}

	@Test
	void anOptedOutRecipientIsRejectedForGood() {
		twilio.stubFor(post(MESSAGES).willReturn(error(400, 21610, "Attempt to send to unsubscribed recipient")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOfSatisfying(
				ProviderException.RecipientRejected.class,
				rejected -> assertThat(rejected.reason()).isEqualTo("opted-out"));
	}

	/**
	 * 21408: our account may not send to the number's region. Ops fix the account's geo
	 * permissions and retry the incident; the contact keeps their consent.
	 */
	@Test
	void aRegionOurAccountMayNotSendToIsOursToFixNotTheRecipients() {
		twilio.stubFor(post(MESSAGES)
			.willReturn(error(400, 21408, "Permission to send an SMS has not been enabled for the region")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Misconfigured.class)
			.hasMessageContaining("21408");
	}

	@Test
	void badCredentialsFailClearlyWithoutRetry() {
		twilio.stubFor(post(MESSAGES).willReturn(error(401, 20003, "Authenticate")));

		assertThatThrownBy(() -> provider.send(MESSAGE)).isInstanceOf(ProviderException.Misconfigured.class)
			.hasMessageContaining("401")
			.hasMessageContaining("20003");
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder created(String sid) {
		return aResponse().withStatus(201)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"sid": "%s", "status": "queued", "to": "+33612345678", "from": "+15005550006", "body": "x"}"""
				.formatted(sid));
	}

	static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder error(int status, int code,
			String message) {
		return aResponse().withStatus(status)
			.withHeader("Content-Type", "application/json")
			.withBody("""
					{"code": %d, "message": "%s", "more_info": "https://www.twilio.com/docs/errors/%d", "status": %d}"""
				.formatted(code, message, code, status));
	}

}
