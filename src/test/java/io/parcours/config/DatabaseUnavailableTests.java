package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.apache.ibatis.exceptions.PersistenceException;
import org.camunda.bpm.engine.ProcessEngineException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
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

	@Test
	void leavesOtherFailuresAlone() {
		assertThat(DatabaseUnavailable.causedBy(new DuplicateKeyException("dup"))).isFalse();
		assertThat(DatabaseUnavailable
			.causedBy(new ProcessEngineException("bad", new SQLException("unique violation", "23505")))).isFalse();
		assertThat(DatabaseUnavailable.causedBy(new IllegalStateException("bug"))).isFalse();
	}

}
