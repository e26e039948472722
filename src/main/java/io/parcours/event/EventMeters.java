package io.parcours.event;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.stereotype.Component;

/**
 * Events accepted (202) whose processing keeps failing wait for their retry, never given
 * up: ops see how many, read when Prometheus scrapes (database-wide: use {@code max}).
 */
@Component
class EventMeters implements MeterBinder {

	private final InboundEvents events;

	EventMeters(InboundEvents events) {
		this.events = events;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("parcours.events.awaiting.retry", events::awaitingRetry)
			.description("Accepted events whose processing failed and waits for its retry (see the log for why)")
			.register(registry);
	}

}
