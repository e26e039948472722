package io.parcours.config;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded H2 database killed in the middle of commits (SIGKILL, power cut) has come
 * back with an index out of step with its table: a row the index lacks, an entry for a
 * row that is gone. A query reading through such an index hangs or misses rows (job
 * acquisition stopped for good, seen once in six kills during load). At start, the
 * indexes of the tables a running journey lives in are counted against their table; one
 * out of step is rebuilt from the table, which holds the rows, with the definition H2
 * itself scripts for it. PostgreSQL, the production database, needs none of this.
 */
final class H2IndexRepair {

	private static final Logger log = LoggerFactory.getLogger(H2IndexRepair.class);

	/** Runtime and shared engine tables, and Parcours' own; not the history's. */
	private static final String CHECKED_TABLES = """
			select t.TABLE_NAME, i.INDEX_NAME from INFORMATION_SCHEMA.TABLES t
			join INFORMATION_SCHEMA.INDEXES i on i.TABLE_SCHEMA = t.TABLE_SCHEMA and i.TABLE_NAME = t.TABLE_NAME
			where t.TABLE_SCHEMA = 'PUBLIC' and t.TABLE_TYPE = 'BASE TABLE'
			  and (t.TABLE_NAME like 'ACT\\_RU\\_%' escape '\\' or t.TABLE_NAME like 'ACT\\_GE\\_%' escape '\\'
			       or t.TABLE_NAME not like 'ACT\\_%' escape '\\')
			order by t.TABLE_NAME, i.INDEX_NAME""";

	private static final int SECONDS_PER_COUNT = 60;

	/** An index of a table. */
	record TableIndex(String table, String index) {
	}

	/** What the check found: indexes rebuilt, and those that could not be. */
	record Outcome(List<TableIndex> rebuilt, List<TableIndex> broken) {

		boolean healthy() {
			return broken.isEmpty();
		}

	}

	private H2IndexRepair() {
	}

	static boolean isH2(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			return "H2".equals(connection.getMetaData().getDatabaseProductName());
		}
		catch (SQLException unknown) {
			return false;
		}
	}

	/** The database's file, for a database in a file. */
	static Optional<Path> databaseFile(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("call DATABASE_PATH()")) {
			return rows.next() && rows.getString(1) != null ? Optional.of(Path.of(rows.getString(1)))
					: Optional.empty();
		}
		catch (SQLException unknown) {
			return Optional.empty();
		}
	}

	static Outcome checkAndRepair(DataSource dataSource) {
		List<TableIndex> rebuilt = new ArrayList<>();
		List<TableIndex> broken = new ArrayList<>();
		try (Connection connection = dataSource.getConnection()) {
			for (TableIndex index : outOfStep(connection)) {
				log.error("Database index {} of table {} is out of step with its table (the embedded database was"
						+ " stopped in the middle of a commit): rebuilding it", index.index(), index.table());
				try {
					rebuild(connection, index);
					if (countedTheSame(connection, index)) {
						rebuilt.add(index);
						log.warn("Database index {} of table {} rebuilt", index.index(), index.table());
						continue;
					}
				}
				catch (SQLException failure) {
					log.error("Database index {} of table {} could not be rebuilt: {}", index.index(), index.table(),
							failure.getMessage());
				}
				broken.add(index);
			}
		}
		catch (SQLException failure) {
			log.error("The database's indexes could not be checked: {}", failure.getMessage());
		}
		return new Outcome(List.copyOf(rebuilt), List.copyOf(broken));
	}

	static List<TableIndex> outOfStep(Connection connection) throws SQLException {
		List<TableIndex> indexes = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(CHECKED_TABLES)) {
			while (rows.next()) {
				indexes.add(new TableIndex(rows.getString(1), rows.getString(2)));
			}
		}
		List<TableIndex> outOfStep = new ArrayList<>();
		for (TableIndex index : indexes) {
			if (!countedTheSame(connection, index)) {
				outOfStep.add(index);
			}
		}
		return outOfStep;
	}

	/**
	 * Every row, read through the index in its order, is the table's rows: an entry for a
	 * row that is gone, a row the index lacks, or an entry a dead transaction left
	 * (reading it waits for a lock nobody will free) is out of step.
	 */
	private static boolean countedTheSame(Connection connection, TableIndex index) throws SQLException {
		String firstColumn = firstColumn(connection, index);
		if (firstColumn == null) {
			return true;
		}
		try {
			long rows = count(connection, "select count(*) from " + quoted(index.table()) + " use index ()");
			String column = quoted(firstColumn);
			String throughIndex = quoted(index.table()) + " use index (" + quoted(index.index()) + ")";
			long counted = count(connection, "select count(*) from " + throughIndex + " where " + column
					+ " is null or " + column + " is not null");
			long read = count(connection,
					"select count(*) from (select * from " + throughIndex + " order by " + column + ")");
			return rows == counted && rows == read;
		}
		catch (SQLException hung) {
			return false;
		}
	}

	private static String firstColumn(Connection connection, TableIndex index) throws SQLException {
		try (var statement = connection.prepareStatement("""
				select COLUMN_NAME from INFORMATION_SCHEMA.INDEX_COLUMNS
				where TABLE_SCHEMA = 'PUBLIC' and TABLE_NAME = ? and INDEX_NAME = ? and ORDINAL_POSITION = 1""")) {
			statement.setString(1, index.table());
			statement.setString(2, index.index());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? rows.getString(1) : null;
			}
		}
	}

	private static long count(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.setQueryTimeout(SECONDS_PER_COUNT);
			try (ResultSet rows = statement.executeQuery(sql)) {
				rows.next();
				return rows.getLong(1);
			}
		}
	}

	/**
	 * Drops the index (or the constraint it serves) and makes it again from the table,
	 * with the definition H2 scripts for it; a foreign key comes back unchecked
	 * ({@code NOCHECK}), as H2 scripts it, the rows being the ones it held before.
	 */
	static void rebuild(Connection connection, TableIndex index) throws SQLException {
		Optional<String> constraint = constraintOf(connection, index);
		List<String> script = script(connection, index.table());
		String table = quoted(index.table());
		String createIndex = script.stream()
			.filter(line -> line.startsWith("CREATE")
					&& line.contains("INDEX \"PUBLIC\"." + quoted(index.index()) + " "))
			.findFirst()
			.orElse(null);
		String addConstraint = constraint
			.flatMap(name -> script.stream()
				.filter(line -> line.startsWith("ALTER TABLE")
						&& line.contains("ADD CONSTRAINT \"PUBLIC\"." + quoted(name) + " "))
				.findFirst())
			.orElse(null);
		if (createIndex == null && addConstraint == null) {
			throw new SQLException("no definition of index " + index.index() + " in the database's script");
		}
		try (Statement statement = connection.createStatement()) {
			if (constraint.isPresent()) {
				statement.execute("alter table " + table + " drop constraint " + quoted(constraint.get()));
			}
			if (createIndex != null) {
				statement.execute("drop index if exists " + quoted(index.index()));
				statement.execute(createIndex);
			}
			if (addConstraint != null) {
				statement.execute(addConstraint);
			}
		}
	}

	private static Optional<String> constraintOf(Connection connection, TableIndex index) throws SQLException {
		try (var statement = connection.prepareStatement("""
				select CONSTRAINT_NAME from INFORMATION_SCHEMA.TABLE_CONSTRAINTS
				where TABLE_SCHEMA = 'PUBLIC' and TABLE_NAME = ? and INDEX_NAME = ?""")) {
			statement.setString(1, index.table());
			statement.setString(2, index.index());
			try (ResultSet rows = statement.executeQuery()) {
				return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
			}
		}
	}

	private static List<String> script(Connection connection, String table) throws SQLException {
		List<String> lines = new ArrayList<>();
		try (Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("script nodata nosettings table " + quoted(table))) {
			while (rows.next()) {
				lines.add(rows.getString(1).replace('\n', ' ').strip());
			}
		}
		return lines;
	}

	private static String quoted(String name) {
		return '"' + name.replace("\"", "\"\"") + '"';
	}

}
