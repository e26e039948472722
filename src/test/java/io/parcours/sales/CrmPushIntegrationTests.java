package io.parcours.sales;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.journey.NonRetryable;
import io.parcours.journey.RetriedFailure;
import io.parcours.journey.TestRunContacts;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CRM webhook against a local fake CRM, with the real push log. */
@ParcoursTest
class CrmPushIntegrationTests {

	@RegisterExtension
	static WireMockExtension crm = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

	@Autowired
	CrmPushes pushes;

	@Autowired
	ObjectMapper mapper;

	@Autowired
	JdbcClient jdbc;

	CrmPush push;

	@BeforeEach
	void webhookTarget() {
		push = new CrmPush(new CrmProperties(CrmProperties.Target.WEBHOOK, URI.create(crm.baseUrl() + "/opportunities"),
				"s3cret", Duration.ofSeconds(2)), pushes, mapper);
	}

	@Test
	void postsTheOpportunityAsSignedJsonOnceWithAStableIdempotencyKey() {
		crm.stubFor(post("/opportunities").willReturn(aResponse().withStatus(201)));
		Opportunity opportunity = opportunity();

		push.push(opportunity);
		push.push(opportunity);

		crm.verify(1,
				postRequestedFor(urlEqualTo("/opportunities"))
					.withHeader("Idempotency-Key", equalTo(opportunity.journeyInstanceId()))
					.withRequestBody(equalToJson(
							"""
									{"contactId": "%s", "company": {"name": "Acme", "size": 250, "country": "FR"},
									 "score": {"fit": 80, "engagement": 25, "total": 105}, "owner": "sam", "reason": "budget confirmed"}"""
								.formatted(opportunity.contactId()),
							true, true)));
		LoggedRequest request = crm.getAllServeEvents().get(0).getRequest();
		assertThat(request.getHeader("X-Parcours-Signature"))
			.isEqualTo("sha256=" + CrmWebhook.sign(request.getBodyAsString(), "s3cret"));
		assertThat(status(opportunity)).isEqualTo("SENT");
	}

	@Test
	void aCrmServerErrorIsRetriedByTheEngineAndLogged() {
		crm.stubFor(post("/opportunities").willReturn(aResponse().withStatus(503)));
		Opportunity opportunity = opportunity();

		assertThatThrownBy(() -> push.push(opportunity)).isInstanceOf(CrmException.Unavailable.class)
			.isNotInstanceOf(NonRetryable.class)
			.as("the engine's error line about each attempt is left out")
			.isInstanceOf(RetriedFailure.class);
		assertThat(status(opportunity)).isEqualTo("FAILED");

		crm.stubFor(post("/opportunities").willReturn(aResponse().withStatus(200)));
		push.push(opportunity);
		assertThat(status(opportunity)).isEqualTo("SENT");
		assertThat(jdbc.sql("select attempts from crm_push where process_instance_id = ?")
			.param(opportunity.journeyInstanceId())
			.query(Integer.class)
			.single()).isEqualTo(2);
	}

	@Test
	void aRefusalByTheCrmRaisesAnIncidentAtOnce() {
		crm.stubFor(post("/opportunities").willReturn(aResponse().withStatus(422)));

		assertThatThrownBy(() -> push.push(opportunity())).isInstanceOf(NonRetryable.class);
	}

	@Test
	void aTestRunsOpportunityStaysInTheLog() {
		crm.stubFor(post("/opportunities").willReturn(aResponse().withStatus(201)));
		Opportunity opportunity = new Opportunity(TestContacts.newId("pi"),
				TestRunContacts.PREFIX + TestContacts.newId("c"),
				new Opportunity.Person("Ana", "ana@example.com", "+33612345678", "VP Marketing"),
				new Opportunity.Company("Acme", 250, "Software", "FR", "webinar"), new Opportunity.Score(80, 25, 105),
				"sam", "budget confirmed", null, Instant.now());

		push.push(opportunity);

		assertThat(crm.getAllServeEvents()).isEmpty();
		assertThat(status(opportunity)).isEqualTo("SENT");
		assertThat(jdbc.sql("select target from crm_push where process_instance_id = ?")
			.param(opportunity.journeyInstanceId())
			.query(String.class)
			.single()).isEqualTo("log");
	}

	private String status(Opportunity opportunity) {
		return jdbc.sql("select status from crm_push where process_instance_id = ?")
			.param(opportunity.journeyInstanceId())
			.query(String.class)
			.single();
	}

	private static Opportunity opportunity() {
		return new Opportunity(TestContacts.newId("pi"), TestContacts.newId("c"),
				new Opportunity.Person("Ana", "ana@example.com", null, "VP Marketing"),
				new Opportunity.Company("Acme", 250, "Software", "FR", "webinar"), new Opportunity.Score(80, 25, 105),
				"sam", "budget confirmed", "call on Monday", Instant.now());
	}

}
