package io.parcours.channel;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntPredicate;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.provider.Providers;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

/**
 * One Spring context for the delivery and webhook tests: the real SDKs talking to a fake
 * SendGrid and Twilio (WireMock), SMS quiet hours on, webhook keys set (an EC key pair
 * made here, a known Twilio token), a public URL that differs from the one MockMvc calls
 * (as behind a proxy), a clock the tests can move, and the provider choice spied on so a
 * test can kill a send at a chosen point.
 */
@ParcoursTest
@Import(WithFakeProviders.MovableClockConfiguration.class)
public abstract class WithFakeProviders {

	public static final WireMockServer providers = new WireMockServer(wireMockConfig().dynamicPort());

	public static final String SENDGRID = "/v3/mail/send";

	public static final String TWILIO_SID = "AC0000000000000000000000000000000a";

	public static final String TWILIO = "/2010-04-01/Accounts/" + TWILIO_SID + "/Messages.json";

	public static final String TWILIO_TOKEN = "twilio-auth-token-for-tests";

	public static final String PUBLIC_URL = "https://parcours.example.com";

	/**
	 * Our SendGrid account's webhook signing key pair: SendGrid keeps the private half.
	 */
	public static final KeyPair SENDGRID_WEBHOOK_KEYS = ecKeyPair();

	public static final MovableClock clock = new MovableClock();

	/**
	 * Numbers +33 61x and 62x: every one is a valid French mobile (not every +33 6 is: a
	 * +33 639 or +33 690 number is refused and the contact had no phone, one run in ten).
	 */
	private static final AtomicLong PHONES = new AtomicLong(10_000_000 + new Random().nextInt(10_000_000));

	static {
		providers.start();
	}

	@DynamicPropertySource
	static void providerSettings(DynamicPropertyRegistry registry) {
		registry.add("parcours.sendgrid.api-key", () -> "SG.integration");
		registry.add("parcours.sendgrid.base-url", providers::baseUrl);
		registry.add("parcours.twilio.account-sid", () -> TWILIO_SID);
		registry.add("parcours.twilio.auth-token", () -> TWILIO_TOKEN);
		registry.add("parcours.twilio.from", () -> "+15005550006");
		registry.add("parcours.twilio.base-url", providers::baseUrl);
		registry.add("parcours.public-url", () -> PUBLIC_URL);
		registry.add("parcours.delivery.quiet-hours.sms.enabled", () -> true);
		registry.add("parcours.webhooks.sendgrid-public-key",
				() -> Base64.getEncoder().encodeToString(SENDGRID_WEBHOOK_KEYS.getPublic().getEncoded()));
	}

	@MockitoSpyBean
	protected Providers channelProviders;

	@Autowired
	protected RuntimeService runtime;

	@Autowired
	protected ManagementService management;

	@Autowired
	protected RepositoryService repository;

	@Autowired
	protected Messages messages;

	@Autowired
	protected TestContacts contacts;

	@Autowired
	protected ContactService contactService;

	@BeforeEach
	void resetFakes() {
		providers.resetAll();
		clock.reset();
	}

	@AfterEach
	void resetClock() {
		clock.reset();
	}

	/**
	 * A contact with both consents, in a real time zone where the local hour now passes
	 * the test: {@code hour -> hour >= 10 && hour < 17} for daytime.
	 */
	protected Contact contactWhereTheHourIs(IntPredicate hour) {
		String zone = ZoneId.getAvailableZoneIds()
			.stream()
			.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
			.sorted()
			.filter(id -> hour.test(clock.instant().atZone(ZoneId.of(id)).getHour()))
			.findFirst()
			.orElseThrow();
		String id = TestContacts.newId("c");
		return contactService.replace(id, new ContactDetails(id + "@example.com", uniquePhone(), "Ana", "fr-FR", zone,
				Map.of(Channel.EMAIL, true, Channel.SMS, true)), "test");
	}

	/**
	 * A French mobile number of the contact's own: an SMS STOP from a number reaches
	 * every contact with it, later ones too.
	 */
	protected static String uniquePhone() {
		return "+336" + PHONES.incrementAndGet();
	}

	protected Contact daytimeContact() {
		return contactWhereTheHourIs(hour -> hour >= 10 && hour < 17);
	}

	protected Contact nightContact() {
		return contactWhereTheHourIs(hour -> hour >= 23 || hour < 5);
	}

	/** A one-step journey whose send step is bound as the element templates bind it. */
	protected String startSendStep(Contact contact, String delegate, String template, String category) {
		String key = "delivery-test-" + delegate + "-" + category;
		var model = Bpmn.createExecutableProcess(key)
			.camundaHistoryTimeToLive(1)
			.startEvent()
			.name("Started")
			.serviceTask("Task_Send")
			.name("Send message")
			.camundaAsyncBefore()
			.camundaDelegateExpression("${" + delegate + "}")
			.camundaInputParameter("template", template)
			.camundaInputParameter("category", category)
			.endEvent()
			.name("Done")
			.done();
		repository.createDeployment().addModelInstance(key + ".bpmn", model).enableDuplicateFiltering(true).deploy();
		// the order a transactional thank-you answers
		return runtime.startProcessInstanceByKey(key, contact.id(), Map.of("contactId", contact.id(), "orderId", "A-1"))
			.getId();
	}

	protected Job jobOf(String instance) {
		return management.createJobQuery().processInstanceId(instance).singleResult();
	}

	protected int requestsTo(String path) {
		return providers.countRequestsMatching(postRequestedFor(urlEqualTo(path)).build()).getCount();
	}

	private static KeyPair ecKeyPair() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			return generator.generateKeyPair();
		}
		catch (java.security.GeneralSecurityException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The application's clock, moved forward by a test and back after it. */
	public static class MovableClock extends Clock {

		private volatile Duration ahead = Duration.ZERO;

		public void moveTo(Instant instant) {
			ahead = Duration.between(Instant.now(), instant);
		}

		public void reset() {
			ahead = Duration.ZERO;
		}

		@Override
		public Instant instant() {
			return Instant.now().plus(ahead);
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class MovableClockConfiguration {

		@Bean
		@Primary
		Clock movableClock() {
			return clock;
		}

	}

}
