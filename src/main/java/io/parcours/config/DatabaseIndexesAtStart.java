package io.parcours.config;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * On the embedded H2 database, after a run that did not stop cleanly
 * ({@link CleanStopMarker}), checks at start, before any job is acquired, that the
 * indexes of the journeys' tables agree with their tables, and rebuilds those that do not
 * ({@link H2IndexRepair}). Health component {@code databaseIndexes}: {@code DOWN} when
 * one could not be rebuilt, with its name.
 */
@Component("databaseIndexes")
class DatabaseIndexesAtStart extends AbstractCamundaConfiguration implements HealthIndicator, DisposableBean {

	private final DataSource dataSource;

	private static final Logger log = LoggerFactory.getLogger(DatabaseIndexesAtStart.class);

	private volatile H2IndexRepair.Outcome outcome;

	private CleanStopMarker marker;

	DatabaseIndexesAtStart(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		if (!H2IndexRepair.isH2(dataSource)) {
			return;
		}
		marker = H2IndexRepair.databaseFile(dataSource).map(CleanStopMarker::new).orElse(null);
		if (marker != null && marker.startAndTellWhetherLastStopWasUnclean()) {
			log.warn("The embedded database was not stopped cleanly last time: checking its indexes");
			outcome = H2IndexRepair.checkAndRepair(dataSource);
		}
	}

	/** After the engine stopped (it depends on this bean), before the database closes. */
	@Override
	public void destroy() {
		if (marker != null) {
			marker.stopped();
		}
	}

	@Override
	public Health health() {
		H2IndexRepair.Outcome checked = outcome;
		if (checked == null) {
			return Health.up().withDetail("checked", false).build();
		}
		Health.Builder health = checked.healthy() ? Health.up() : Health.down();
		return health
			.withDetail("rebuiltAtStart", checked.rebuilt().stream().map(H2IndexRepair.TableIndex::index).toList())
			.withDetail("outOfStep", checked.broken().stream().map(H2IndexRepair.TableIndex::index).toList())
			.build();
	}

}
