package io.parcours.config;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * On the embedded H2 database, checks at start, before any job is acquired, that the
 * indexes of the journeys' tables agree with their tables, and rebuilds those that do not
 * ({@link H2IndexRepair}). Health component {@code databaseIndexes}: {@code DOWN} when
 * one could not be rebuilt, with its name.
 */
@Component("databaseIndexes")
class DatabaseIndexesAtStart extends AbstractCamundaConfiguration implements HealthIndicator {

	private final DataSource dataSource;

	private volatile H2IndexRepair.Outcome outcome;

	DatabaseIndexesAtStart(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public void postProcessEngineBuild(ProcessEngine processEngine) {
		if (H2IndexRepair.isH2(dataSource)) {
			outcome = H2IndexRepair.checkAndRepair(dataSource);
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
