package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import io.parcours.journey.Deferral;

import org.junit.jupiter.api.Test;

/** The per-provider rate limits, on a clock the test moves by hand. */
class ProviderRateLimitsTests {

	final FakeTime time = new FakeTime();

	@Test
	void aProviderWithoutLimitIsNeverHeldBack() {
		ProviderRateLimits limits = limits(Map.of("twilio", 1, "log", 0), Duration.ZERO);

		for (int i = 0; i < 1_000; i++) {
			limits.acquire("sendgrid");
			limits.acquire("log");
		}

		assertThat(time.nanos).isZero();
	}

	@Test
	void sendsWithinTheRateGoAtOnceAndTheNextWaitsForItsSlot() {
		ProviderRateLimits limits = limits(Map.of("sendgrid", 5), Duration.ofSeconds(1));

		for (int i = 0; i < 5; i++) {
			limits.acquire("sendgrid");
		}
		assertThat(time.nanos).isZero();

		limits.acquire("sendgrid");
		assertThat(Duration.ofNanos(time.nanos)).isEqualTo(Duration.ofMillis(200));
		limits.acquire("sendgrid");
		assertThat(Duration.ofNanos(time.nanos)).isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void aSendThatWouldWaitLongerThanMaxWaitIsPutOffUntilASlotIsFree() {
		ProviderRateLimits limits = limits(Map.of("twilio", 1), Duration.ofMillis(100));
		limits.acquire("twilio");
		Instant before = Instant.now();

		assertThatThrownBy(() -> limits.acquire("twilio")).isInstanceOfSatisfying(ProviderBusy.class, deferred -> {
			assertThat(deferred).isInstanceOf(Deferral.class).isInstanceOf(ProviderException.class);
			assertThat(deferred.until()).isBetween(before.plusMillis(1_000), Instant.now().plusMillis(2_000));
		});
		assertThat(time.nanos).isZero();
	}

	@Test
	void eachProviderHasItsOwnBudget() {
		ProviderRateLimits limits = limits(Map.of("sendgrid", 1, "twilio", 1), Duration.ZERO);

		limits.acquire("sendgrid");
		limits.acquire("twilio");

		assertThatThrownBy(() -> limits.acquire("sendgrid")).isInstanceOf(ProviderBusy.class);
		time.nanos += Duration.ofSeconds(1).toNanos();
		limits.acquire("sendgrid");
	}

	private ProviderRateLimits limits(Map<String, Integer> perSecond, Duration maxWait) {
		return new ProviderRateLimits(new RateLimitProperties(perSecond, maxWait), time, time);
	}

	/** A clock that only moves when a send waits (or the test says so). */
	static final class FakeTime implements TimeMeter, BlockingStrategy {

		long nanos;

		@Override
		public long currentTimeNanos() {
			return nanos;
		}

		@Override
		public boolean isWallClockBased() {
			return false;
		}

		@Override
		public void park(long nanosToPark) {
			nanos += nanosToPark;
		}

	}

}
