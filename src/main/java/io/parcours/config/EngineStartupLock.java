package io.parcours.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.stereotype.Component;

/**
 * Lets nodes that share one PostgreSQL database start one after the other. The engine
 * creates its tables when they are missing, and the starter creates the admin user, with
 * no lock of their own: two nodes starting at once on an empty database would both try,
 * and one would fail. A session-level advisory lock, taken before the engine is built and
 * released once the node is ready (or stops), serialises that. H2 (one node) needs none.
 */
@Component
class EngineStartupLock extends AbstractCamundaConfiguration
		implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private static final Logger log = LoggerFactory.getLogger(EngineStartupLock.class);

	/** "parcours" in ASCII: an advisory lock key nothing else uses. */
	static final long KEY = 0x7061726363757273L;

	private final DataSource dataSource;

	private Connection holder;

	EngineStartupLock(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	@Override
	public synchronized void preInit(SpringProcessEngineConfiguration configuration) {
		try {
			Connection connection = dataSource.getConnection();
			if (!"PostgreSQL".equals(connection.getMetaData().getDatabaseProductName())) {
				connection.close();
				return;
			}
			connection.setAutoCommit(true);
			try (Statement statement = connection.createStatement()) {
				statement.execute("set lock_timeout = '5min'");
				log.info("Waiting for other nodes to finish starting on this database");
				statement.execute("select pg_advisory_lock(" + KEY + ")");
			}
			holder = connection;
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot take the start-up lock on the database", e);
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		release();
	}

	@Override
	public void destroy() {
		release();
	}

	private synchronized void release() {
		if (holder == null) {
			return;
		}
		try (Connection connection = holder; Statement statement = connection.createStatement()) {
			statement.execute("select pg_advisory_unlock(" + KEY + ")");
			statement.execute("reset lock_timeout");
		}
		catch (SQLException e) {
			log.warn("Start-up lock not released cleanly (the database frees it with the connection): {}",
					e.toString());
		}
		finally {
			holder = null;
		}
	}

}
