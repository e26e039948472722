package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

class TimeCompressionTests {

	static final Date START = Date.from(Instant.parse("2026-11-22T10:00:00Z"));

	@Test
	void aDayLastsTenSecondsAtFactor8640() {
		var calendar = new TimeCompression.Compressed(new DurationBusinessCalendar(), 8640);

		Date due = calendar.resolveDuedate("P1D", START);

		assertThat(Duration.between(START.toInstant(), due.toInstant())).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void durationsKeepTheirProportions() {
		var calendar = new TimeCompression.Compressed(new DurationBusinessCalendar(), 3600);

		assertThat(Duration.between(START.toInstant(), calendar.resolveDuedate("PT2H", START).toInstant()))
			.isEqualTo(Duration.ofSeconds(2));
		assertThat(Duration.between(START.toInstant(), calendar.resolveDuedate("P7D", START).toInstant()))
			.isEqualTo(Duration.ofSeconds(168));
	}

	@Test
	void aDeferralToAMomentIsShortenedLikeATimer() {
		// what FailedJobHandling asks for when quiet hours defer a send: 21 hours become
		// 8.75 s
		var calendar = new TimeCompression.Compressed(new DueDateBusinessCalendar(), 8640);

		Date due = calendar.resolveDuedate("2026-11-23T07:00:00Z", START);

		assertThat(Duration.between(START.toInstant(), due.toInstant())).isEqualTo(Duration.ofMillis(8750));
	}

	@Test
	void compressionWithRealProviderCredentialsRefusesToStart() {
		MockEnvironment environment = new MockEnvironment().withProperty("parcours.time-compression", "8640")
			.withProperty("parcours.sendgrid.api-key", "SG.real");

		assertThatThrownBy(
				() -> new TimeCompressionGuard().postProcessEnvironment(environment, new SpringApplication()))
			.hasMessageContaining("PARCOURS_TIME_COMPRESSION_FORCED");
	}

	@Test
	void compressionWithTwilioCredentialsRefusesToStart() {
		MockEnvironment environment = new MockEnvironment().withProperty("parcours.time-compression", "100")
			.withProperty("parcours.twilio.account-sid", "AC1")
			.withProperty("parcours.twilio.auth-token", "t");

		assertThatThrownBy(
				() -> new TimeCompressionGuard().postProcessEnvironment(environment, new SpringApplication()))
			.isInstanceOf(IllegalStateException.class);
	}

	@Test
	void compressionCanBeForcedOnPurpose() {
		MockEnvironment environment = new MockEnvironment().withProperty("parcours.time-compression", "8640")
			.withProperty("parcours.sendgrid.api-key", "SG.real")
			.withProperty("parcours.time-compression-forced", "true");

		assertThatCode(() -> new TimeCompressionGuard().postProcessEnvironment(environment, new SpringApplication()))
			.doesNotThrowAnyException();
	}

	@Test
	void realTimeWithCredentialsOrCompressionWithoutThemStart() {
		var realTime = new MockEnvironment().withProperty("parcours.time-compression", "1")
			.withProperty("parcours.sendgrid.api-key", "SG.real");
		var demo = new MockEnvironment().withProperty("parcours.time-compression", "8640");

		assertThatCode(() -> new TimeCompressionGuard().postProcessEnvironment(realTime, new SpringApplication()))
			.doesNotThrowAnyException();
		assertThatCode(() -> new TimeCompressionGuard().postProcessEnvironment(demo, new SpringApplication()))
			.doesNotThrowAnyException();
	}

}
