package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/**
 * The rebuild of an index keeps the table's rows and what the index enforces: a plain
 * index, one of a foreign key, one of a unique constraint. (An index out of step cannot
 * be made on purpose: the check found and mended those of a database killed during load,
 * job acquisition working again after.)
 */
class H2IndexRepairTests {

	@Test
	void aHealthyDatabaseHasNoIndexOutOfStep() throws Exception {
		JdbcDataSource database = journeyTables();

		H2IndexRepair.Outcome outcome = H2IndexRepair.checkAndRepair(database);

		assertThat(outcome.rebuilt()).isEmpty();
		assertThat(outcome.healthy()).isTrue();
		assertThat(H2IndexRepair.isH2(database)).isTrue();
	}

	@Test
	void rebuildingAnIndexKeepsItsRowsAndWhatItEnforces() throws Exception {
		JdbcDataSource database = journeyTables();
		try (Connection connection = database.getConnection()) {
			for (String index : indexes(connection)) {
				if (!index.startsWith("PRIMARY_KEY")) {
					H2IndexRepair.rebuild(connection, new H2IndexRepair.TableIndex(tableOf(connection, index), index));
				}
			}

			assertThat(H2IndexRepair.outOfStep(connection)).isEmpty();
			assertThat(indexes(connection)).contains("IDX_JOB_DUE")
				.anyMatch(name -> name.startsWith("UNIQ_VAR_SCOPE_NAME"))
				.anyMatch(name -> name.startsWith("FK_JOB_EXE"));
			try (Statement statement = connection.createStatement()) {
				assertThat(count(statement, "select count(*) from JOB where DUE is not null")).isEqualTo(3);
				assertThatThrownBy(() -> statement.execute("insert into VAR values ('v9', 'e1', 'amount')"))
					.as("the unique constraint holds")
					.isInstanceOf(SQLException.class);
				assertThatThrownBy(
						() -> statement.execute("insert into JOB values ('j9', 'nobody', current_timestamp)"))
					.as("the foreign key holds")
					.isInstanceOf(SQLException.class);
			}
		}
	}

	private static JdbcDataSource journeyTables() throws SQLException {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:index-repair-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
		database.setUser("sa");
		try (Connection connection = database.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("create table EXE (ID varchar(64) primary key)");
			statement.execute("create table JOB (ID varchar(64) primary key, EXE_ID varchar(64), DUE timestamp,"
					+ " constraint FK_JOB_EXE foreign key (EXE_ID) references EXE (ID))");
			statement.execute("create index IDX_JOB_DUE on JOB (DUE)");
			statement.execute("create table VAR (ID varchar(64) primary key, SCOPE varchar(64), NAME varchar(64),"
					+ " constraint UNIQ_VAR_SCOPE_NAME unique (SCOPE, NAME))");
			statement.execute("insert into EXE values ('e1'), ('e2')");
			statement.execute("insert into JOB values ('j1', 'e1', current_timestamp), ('j2', 'e2', current_timestamp),"
					+ " ('j3', 'e1', current_timestamp)");
			statement.execute("insert into VAR values ('v1', 'e1', 'amount'), ('v2', 'e2', 'amount')");
		}
		return database;
	}

	private static java.util.List<String> indexes(Connection connection) throws SQLException {
		java.util.List<String> names = new java.util.ArrayList<>();
		try (Statement statement = connection.createStatement();
				var rows = statement.executeQuery("select INDEX_NAME from INFORMATION_SCHEMA.INDEXES"
						+ " where TABLE_SCHEMA = 'PUBLIC' order by INDEX_NAME")) {
			while (rows.next()) {
				names.add(rows.getString(1));
			}
		}
		return names;
	}

	private static String tableOf(Connection connection, String index) throws SQLException {
		try (var statement = connection
			.prepareStatement("select TABLE_NAME from INFORMATION_SCHEMA.INDEXES where INDEX_NAME = ?")) {
			statement.setString(1, index);
			try (var rows = statement.executeQuery()) {
				rows.next();
				return rows.getString(1);
			}
		}
	}

	private static long count(Statement statement, String sql) throws SQLException {
		try (var rows = statement.executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
