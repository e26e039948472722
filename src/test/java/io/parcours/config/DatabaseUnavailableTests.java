package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

class DatabaseUnavailableTests {

	@Test
	void recognisesAPoolThatGotNoConnectionInTime() {
		assertThat(DatabaseUnavailable.causedBy(new CannotGetJdbcConnectionException("no connection",
				new SQLTransientConnectionException("HikariPool-1 - Connection is not available"))))
			.isTrue();
	}

	@Test
	void recognisesAConnectionThatBrokeUnderTheEngine() {
		SQLException ioError = new SQLException("An I/O error occurred while sending to the backend.", "08006");
		assertThat(DatabaseUnavailable
			.causedBy(new ProcessEngineException("persistence", new PersistenceException("query failed", ioError))))
			.isTrue();
	}

	@Test
	void recognisesARollbackThatFailedOnABrokenConnection() {
		assertThat(DatabaseUnavailable.causedBy(new ProcessEngineException("persistence",
				new TransactionSystemException("JDBC rollback failed", new SQLException("Connection is closed")))))
			.isTrue();
	}

	/** A provider's acceptance is recorded once a connection frees up. */
	@Test
	void runsWorkAgainWhileNoConnectionIsFreeThenGivesUp() {
		AtomicInteger runs = new AtomicInteger();
		Runnable recordedOnTheThirdTry = () -> {
			if (runs.incrementAndGet() < 3) {
				throw new CannotCreateTransactionException("Could not open JDBC Connection for transaction",
						new SQLTransientConnectionException("HikariPool-1 - Connection is not available"));
			}
		};

		DatabaseUnavailable.retryWhileUnavailable(recordedOnTheThirdTry, 5, Duration.ZERO);

		assertThat(runs).hasValue(3);
		runs.set(0);
		assertThatThrownBy(() -> DatabaseUnavailable.retryWhileUnavailable(recordedOnTheThirdTry, 2, Duration.ZERO))
			.isInstanceOf(CannotCreateTransactionException.class);
		assertThat(runs).hasValue(2);
		runs.set(0);
		assertThatThrownBy(() -> DatabaseUnavailable.retryWhileUnavailable(() -> {
			runs.incrementAndGet();
			throw new DuplicateKeyException("a bug, not an outage");
		}, 5, Duration.ZERO)).isInstanceOf(DuplicateKeyException.class);
		assertThat(runs).hasValue(1);
	}

	/**
	 * Hikari itself: a pool with every connection taken says so without a cause (ops need
	 * not look at the database), a database that cannot be reached gives its failure.
	 */
	@Test
	void tellsABusyPoolFromADatabaseThatCannotBeReached() throws Exception {
		try (HikariDataSource busy = pool("jdbc:h2:mem:busy-" + System.nanoTime());
				Connection taken = busy.getConnection()) {
			Throwable failure = catchThrowable(busy::getConnection);
			ProblemDetail problem = DatabaseUnavailable
				.problem(new CannotGetJdbcConnectionException("none", (SQLException) failure), "/api/events");
			assertThat(problem.getTitle()).isEqualTo("Database busy");
			assertThat(problem.getDetail()).contains("Every database connection is in use", "nothing was stored");
			assertThat(DatabaseUnavailable
				.problem(new CannotGetJdbcConnectionException("none", (SQLException) failure), "/api/events:batch")
				.getDetail()).as("a batch may have had its first events stored")
				.contains("may be stored", "duplicates")
				.doesNotContain("nothing was stored");
		}
		try (HikariDataSource down = pool("jdbc:postgresql://127.0.0.1:9/nothing")) {
			Throwable failure = catchThrowable(down::getConnection);
			ProblemDetail problem = DatabaseUnavailable
				.problem(new CannotGetJdbcConnectionException("none", (SQLException) failure), "/api/events");
			assertThat(DatabaseUnavailable.causedBy(failure)).isTrue();
			assertThat(problem.getTitle()).isEqualTo("Database unavailable");
			assertThat(problem.getDetail()).contains("cannot be reached");
		}
	}

	private static HikariDataSource pool(String url) {
		HikariConfig config = new HikariConfig();
		config.setJdbcUrl(url);
		config.setUsername("sa");
		config.setMaximumPoolSize(1);
		config.setConnectionTimeout(250);
		config.setInitializationFailTimeout(-1);
		return new HikariDataSource(config);
	}

	@Test
	void leavesOtherFailuresAlone() {
		assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("dup"))).isFalse();
		assertThat(DatabaseUnavailable
			.causedBy(new ProcessEngineException("bad", new SQLException("unique violation", "23505")))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
	}

}
