package io.parcours.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Keeps each provider under its messages-per-second limit, one token bucket (Bucket4j)
 * per provider shared by every journey on this node, refilled evenly with at most one
 * second of burst. A send takes a token right before the provider call; when none is free
 * it waits, up to {@code max-wait}, holding its job thread. A longer wait would hold the
 * thread other journeys need, so the send is {@link ProviderBusy put off} instead: its
 * job runs again when a token should be free, spread over a further second so deferred
 * sends do not come back all at once, and keeps its retries. This is the providers'
 * safety net: bulk journeys pace themselves below it (the reactivation sweep gives each
 * journey a sending slot), so other journeys' sends find free slots, not a queue.
 */
@Component
public class ProviderRateLimits {

	private static final Logger log = LoggerFactory.getLogger(ProviderRateLimits.class);

	private static final long JITTER_NANOS = Duration.ofSeconds(1).toNanos();

	private final Map<String, Bucket> buckets = new HashMap<>();

	private final Duration maxWait;

	private final BlockingStrategy waiting;

	@Autowired
	ProviderRateLimits(RateLimitProperties properties) {
		this(properties, TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
	}

	ProviderRateLimits(RateLimitProperties properties, TimeMeter time, BlockingStrategy waiting) {
		this.maxWait = properties.maxWait();
		this.waiting = waiting;
		properties.perSecond().forEach((provider, rate) -> {
			if (rate > 0) {
				buckets.put(provider,
						Bucket.builder()
							.addLimit(limit -> limit.capacity(rate).refillGreedy(rate, Duration.ofSeconds(1)))
							.withCustomTimePrecision(time)
							.build());
				log.info("Provider {} is called at most {} times per second", provider, rate);
			}
		});
	}

	/** Takes a slot for one message to the provider if one is free now. */
	public boolean tryAcquire(String provider) {
		Bucket bucket = buckets.get(provider);
		return bucket == null || bucket.tryConsume(1);
	}

	/**
	 * Takes a slot for one message to the provider, waiting for it up to max-wait.
	 * @throws ProviderBusy when no slot frees up within max-wait
	 */
	public void acquire(String provider) {
		Bucket bucket = buckets.get(provider);
		if (bucket == null) {
			return;
		}
		try {
			if (maxWait.isZero() ? bucket.tryConsume(1)
					: bucket.asBlocking().tryConsume(1, maxWait.toNanos(), waiting)) {
				return;
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		long wait = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
		long jitter = ThreadLocalRandom.current().nextLong(JITTER_NANOS);
		throw new ProviderBusy(provider, Instant.now().plusNanos(wait + jitter));
	}

}
