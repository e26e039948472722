package io.parcours;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

/**
 * SendGrid and Twilio faked by one WireMock server that accepts every message, and
 * counts, per Parcours message id, how many requests reached it: the wire-level proof
 * that no message was sent twice.
 */
public final class FakeProviders implements AutoCloseable {

	public static final String TWILIO_SID = "AC00000000000000000000000000000042";

	private static final Pattern SENDGRID_MESSAGE_ID = Pattern.compile("\"parcours_message_id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern TWILIO_MESSAGE_ID = Pattern.compile("messageId%3D([0-9a-fA-F-]{36})");

	private final WireMockServer server = new WireMockServer(
			wireMockConfig().dynamicPort().containerThreads(40).asynchronousResponseEnabled(false));

	public FakeProviders() {
		server.start();
		server.stubFor(post(urlPathEqualTo("/v3/mail/send"))
			.willReturn(aResponse().withStatus(202).withHeader("X-Message-Id", "sg-fake")));
		server.stubFor(post(urlPathEqualTo("/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json"))
			.willReturn(aResponse().withStatus(201)
				.withHeader("Content-Type", "application/json")
				.withBody(
						"""
								{"sid": "SMfake", "status": "queued", "to": "+33612345678", "from": "+15005550006", "body": "x"}""")));
	}

	/** SendGrid takes this long to accept each email from now on. */
	public void emailsTake(Duration delay) {
		server.stubFor(post(urlPathEqualTo("/v3/mail/send")).willReturn(aResponse().withStatus(202)
			.withHeader("X-Message-Id", "sg-fake")
			.withFixedDelay((int) delay.toMillis())));
	}

	/** Settings that send a node's email and SMS here. */
	public List<String> settings() {
		return List.of("--parcours.sendgrid.api-key=SG.fake-for-tests",
				"--parcours.sendgrid.base-url=" + server.baseUrl(), "--parcours.twilio.account-sid=" + TWILIO_SID,
				"--parcours.twilio.auth-token=fake-token", "--parcours.twilio.from=+15005550006",
				"--parcours.twilio.base-url=" + server.baseUrl());
	}

	public String baseUrl() {
		return server.baseUrl();
	}

	/** How many provider requests carried each Parcours message id. */
	public Map<String, Long> requestsByMessageId() {
		List<String> ids = server
			.findAll(com.github.tomakehurst.wiremock.client.WireMock
				.anyRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.anyUrl()))
			.stream()
			.map(FakeProviders::messageId)
			.toList();
		return Recount.count(ids);
	}

	private static String messageId(LoggedRequest request) {
		Pattern pattern = request.getUrl().contains("/v3/mail/send") ? SENDGRID_MESSAGE_ID : TWILIO_MESSAGE_ID;
		Matcher matcher = pattern.matcher(request.getBodyAsString());
		return matcher.find() ? matcher.group(1) : "unidentified request " + request.getUrl();
	}

	@Override
	public void close() {
		server.stop();
	}

}
