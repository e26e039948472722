package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;

import io.parcours.cart.CartSettings;
import io.parcours.channel.DeliveryProperties;
import io.parcours.channel.RateLimitProperties;
import io.parcours.reactivation.ReactivationProperties;
import io.parcours.sales.CrmProperties;
import io.parcours.scoring.ScoringProperties;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/**
 * Ops writing "90" for ninety days must not get ninety milliseconds: a bare number counts
 * in the unit the setting is about, and a window of nothing is refused at start-up.
 */
class DurationSettingsTests {

	@Test
	void aBareNumberCountsInTheUnitOfTheSetting() {
		ReactivationProperties reactivation = bind("parcours.reactivation", ReactivationProperties.class,
				Map.of("dormant-after", "90", "reentry-window", "180"));
		assertThat(reactivation.dormantAfter()).isEqualTo(Duration.ofDays(90));
		assertThat(reactivation.reentryWindow()).isEqualTo(Duration.ofDays(180));

		DeliveryProperties delivery = bind("parcours.delivery", DeliveryProperties.class,
				Map.of("frequency-cap.window", "7"));
		assertThat(delivery.frequencyCap().window()).isEqualTo(Duration.ofDays(7));

		ScoringProperties scoring = bind("parcours.scoring", ScoringProperties.class,
				Map.of("nurture-interval", "3", "interest-watch", "90"));
		assertThat(scoring.nurtureInterval()).isEqualTo(Duration.ofDays(3));
		assertThat(scoring.interestWatch()).isEqualTo(Duration.ofDays(90));

		assertThat(bind("parcours.cart", CartSettings.class, Map.of("first-reminder-delay", "2")).firstReminderDelay())
			.isEqualTo(Duration.ofHours(2));
		assertThat(bind("parcours.crm", CrmProperties.class, Map.of("timeout", "10")).timeout())
			.isEqualTo(Duration.ofSeconds(10));
		assertThat(bind("parcours.rate-limits", RateLimitProperties.class, Map.of("max-wait", "2")).maxWait())
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void writtenUnitsAndIsoDurationsReadAsWritten() {
		ReactivationProperties reactivation = bind("parcours.reactivation", ReactivationProperties.class,
				Map.of("dormant-after", "PT36H", "reentry-window", "30d"));
		assertThat(reactivation.dormantAfter()).isEqualTo(Duration.ofHours(36));
		assertThat(reactivation.reentryWindow()).isEqualTo(Duration.ofDays(30));
		assertThat(
				bind("parcours.cart", CartSettings.class, Map.of("first-reminder-delay", "30m")).firstReminderDelay())
			.isEqualTo(Duration.ofMinutes(30));
	}

	@Test
	void aWindowOfNothingOrLessIsRefusedNamingTheSetting() {
		assertRefused("parcours.reactivation", ReactivationProperties.class, Map.of("dormant-after", "0"),
				"parcours.reactivation.dormant-after");
		assertRefused("parcours.reactivation", ReactivationProperties.class, Map.of("reentry-window", "-1"),
				"parcours.reactivation.reentry-window");
		assertRefused("parcours.delivery", DeliveryProperties.class, Map.of("frequency-cap.window", "0"),
				"parcours.delivery.frequency-cap");
		assertRefused("parcours.scoring", ScoringProperties.class, Map.of("nurture-interval", "0"),
				"parcours.scoring.nurture-interval");
		assertRefused("parcours.crm", CrmProperties.class, Map.of("timeout", "0"), "parcours.crm.timeout");
		assertRefused("parcours.rate-limits", RateLimitProperties.class, Map.of("max-wait", "-1"),
				"parcours.rate-limits.max-wait");
	}

	private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
		Map<String, String> properties = new java.util.HashMap<>();
		values.forEach((name, value) -> properties.put(prefix + "." + name, value));
		return new Binder(new MapConfigurationPropertySource(properties)).bindOrCreate(prefix, type);
	}

	private static void assertRefused(String prefix, Class<?> type, Map<String, String> values, String named) {
		assertThatThrownBy(() -> bind(prefix, type, values)).isInstanceOf(BindException.class)
			.rootCause()
			.hasMessageContaining(named);
	}

}
