package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import io.parcours.channel.PolicyDecision.Verdict;
import io.parcours.contact.Channel;
import io.parcours.contact.Consent;
import io.parcours.contact.Contact;
import io.parcours.contact.LifecycleStage;

import org.junit.jupiter.api.Test;

/** The order and outcome of the policy's decisions, on a fixed clock. */
class DeliveryPolicyTests {

	/** 23:30 in Paris, 22:30 in London, 17:30 in New York. */
	static final Clock LATE_EVENING_IN_PARIS = Clock.fixed(Instant.parse("2026-06-10T21:30:00Z"), ZoneOffset.UTC);

	static final DeliveryProperties SETTINGS = new DeliveryProperties(
			Map.of(Channel.SMS, new QuietHours(true, LocalTime.of(21, 0), LocalTime.of(8, 0)), Channel.EMAIL,
					new QuietHours(false, LocalTime.of(21, 0), LocalTime.of(8, 0))),
			new DeliveryProperties.FrequencyCap(3, Duration.ofDays(7)));

	Map<String, String> suppressed = new HashMap<>();

	int marketingSent = 0;

	AtomicReference<Instant> countedSince = new AtomicReference<>();

	DeliveryPolicy policy = new DeliveryPolicy(SETTINGS,
			(contact, channel) -> Optional.ofNullable(suppressed.get(contact.id() + "/" + channel)),
			(contactId, since) -> {
				countedSince.set(since);
				return marketingSent;
			}, 1);

	@Test
	void anSmsDueInTheContactsQuietHoursIsDeferredToTheirMorning() {
		PolicyDecision decision = decide(contact("Europe/Paris"), Channel.SMS, MessageCategory.MARKETING);

		assertThat(decision.verdict()).isEqualTo(Verdict.DEFER);
		assertThat(decision.deferredUntil()).isEqualTo(ZonedDateTime.parse("2026-06-11T08:00+02:00[Europe/Paris]"));
		assertThat(decision.reason()).isEqualTo("quiet-hours: deferred until 2026-06-11T08:00+02:00[Europe/Paris]");
	}

	@Test
	void theSameMomentIsAnAfternoonInNewYorkSoTheSmsGoes() {
		assertThat(decide(contact("America/New_York"), Channel.SMS, MessageCategory.MARKETING).verdict())
			.isEqualTo(Verdict.SEND);
	}

	@Test
	void emailIsAllowedDuringQuietHoursByDefault() {
		assertThat(decide(contact("Europe/Paris"), Channel.EMAIL, MessageCategory.MARKETING).verdict())
			.isEqualTo(Verdict.SEND);
	}

	@Test
	void transactionalMessagesIgnoreQuietHoursAndTheCap() {
		marketingSent = 3;

		assertThat(decide(contact("Europe/Paris"), Channel.SMS, MessageCategory.TRANSACTIONAL).verdict())
			.isEqualTo(Verdict.SEND);
		assertThat(countedSince.get()).isNull();
	}

	@Test
	void aMessageThatAlreadyWaitedIsNotDeferredAgain() {
		assertThat(policy
			.decide(contact("Europe/Paris"), request(Channel.SMS, MessageCategory.MARKETING),
					LATE_EVENING_IN_PARIS.instant(), true)
			.verdict()).isEqualTo(Verdict.SEND);
	}

	@Test
	void theFourthMarketingMessageWithinSevenDaysIsSkipped() {
		marketingSent = 3;

		PolicyDecision decision = decide(contact("America/New_York"), Channel.EMAIL, MessageCategory.MARKETING);

		assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
		assertThat(decision.reason()).isEqualTo("frequency-cap");
		assertThat(countedSince.get()).isEqualTo(Instant.parse("2026-06-03T21:30:00Z"));
	}

	@Test
	void withCompressedTimeTheCapCountsAWeekOfJourneyTime() {
		var demo = new DeliveryPolicy(SETTINGS, (contact, channel) -> Optional.empty(), (contactId, since) -> {
			countedSince.set(since);
			return 0;
		}, 8640);

		Instant now = LATE_EVENING_IN_PARIS.instant();
		demo.decide(contact("America/New_York"), request(Channel.EMAIL, MessageCategory.MARKETING), now, false);

		assertThat(countedSince.get()).as("7 days at 10 seconds a day").isEqualTo(now.minusSeconds(70));
	}

	@Test
	void theThirdMarketingMessageWithinTheWindowStillGoes() {
		marketingSent = 2;

		assertThat(decide(contact("America/New_York"), Channel.EMAIL, MessageCategory.MARKETING).verdict())
			.isEqualTo(Verdict.SEND);
	}

	@Test
	void aCapOfZeroTurnsTheCapOff() {
		var uncapped = new DeliveryPolicy(
				new DeliveryProperties(Map.of(), new DeliveryProperties.FrequencyCap(0, Duration.ofDays(7))),
				(contact, channel) -> Optional.empty(), (contactId, since) -> 100, 1);

		assertThat(uncapped
			.decide(contact("Europe/Paris"), request(Channel.SMS, MessageCategory.MARKETING), Instant.now(), false)
			.verdict()).isEqualTo(Verdict.SEND);
	}

	@Test
	void aSuppressedChannelIsSkippedWithTheSuppressionsReason() {
		Contact contact = contact("America/New_York");
		suppressed.put(contact.id() + "/" + Channel.EMAIL, Suppressions.HARD_BOUNCE);

		PolicyDecision decision = decide(contact, Channel.EMAIL, MessageCategory.TRANSACTIONAL);

		assertThat(decision.verdict()).isEqualTo(Verdict.SKIP);
		assertThat(decision.reason()).isEqualTo("suppressed:hard-bounce");
		assertThat(decide(contact, Channel.SMS, MessageCategory.MARKETING).verdict()).isEqualTo(Verdict.SEND);
	}

	@Test
	void noConsentOrNoAddressIsSkippedBeforeAnyTimingRule() {
		Contact withdrawn = new Contact("c-2", "ana@example.com", null, "Ana", "fr-FR", "Europe/Paris",
				Map.of(Channel.SMS, new Consent(false, Instant.EPOCH, "test"), Channel.EMAIL,
						new Consent(true, Instant.EPOCH, "test")),
				LifecycleStage.SUBSCRIBER, 0, BigDecimal.ZERO, null, null, Instant.EPOCH, Instant.EPOCH);

		assertThat(decide(withdrawn, Channel.SMS, MessageCategory.MARKETING).reason()).isEqualTo("no-consent");
		assertThat(decide(null, Channel.SMS, MessageCategory.MARKETING).reason()).isEqualTo("unknown-contact");
	}

	@Test
	void anUnreadableTimeZoneIsReadAsUtc() {
		PolicyDecision decision = decide(contact("Not/AZone"), Channel.SMS, MessageCategory.MARKETING);

		assertThat(decision.verdict()).isEqualTo(Verdict.DEFER);
		assertThat(decision.deferredUntil()).isEqualTo(ZonedDateTime.parse("2026-06-11T08:00Z"));
	}

	private PolicyDecision decide(Contact contact, Channel channel, MessageCategory category) {
		return policy.decide(contact, request(channel, category), LATE_EVENING_IN_PARIS.instant(), false);
	}

	private static SendRequest request(Channel channel, MessageCategory category) {
		return new SendRequest("key-1", "c-1", channel, "welcome", "welcome", "pi-1", "Task_Send", null, Map.of(),
				category);
	}

	private static Contact contact(String timeZone) {
		return new Contact("c-1", "ana@example.com", "+33612345678", "Ana", "fr-FR", timeZone,
				Map.of(Channel.EMAIL, new Consent(true, Instant.EPOCH, "test"), Channel.SMS,
						new Consent(true, Instant.EPOCH, "test")),
				LifecycleStage.SUBSCRIBER, 0, BigDecimal.ZERO, null, null, Instant.EPOCH, Instant.EPOCH);
	}

}
