package io.parcours.ops;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.stereotype.Component;

/**
 * The job executor's backlog and the open incidents, read from the engine when Prometheus
 * scrapes. Database-wide figures: every node reports the same value (use {@code max}).
 */
@Component
class EngineMeters implements MeterBinder {

	private final ManagementService management;

	private final RuntimeService runtime;

	EngineMeters(ManagementService management, RuntimeService runtime) {
		this.management = management;
		this.runtime = runtime;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		Gauge.builder("parcours.jobs.due", () -> management.createJobQuery().executable().active().count())
			.description("Jobs due now and waiting for the job executor (backlog)")
			.register(registry);
		Gauge.builder("parcours.jobs.failed", () -> management.createJobQuery().noRetriesLeft().count())
			.description("Jobs out of retries (each raised an incident)")
			.register(registry);
		Gauge.builder("parcours.incidents.open", () -> runtime.createIncidentQuery().count())
			.description("Open incidents, shown in Cockpit")
			.register(registry);
	}

}
