package io.parcours.config;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.DelegatingDataSource;

/**
 * The application's data source, whose commits on an H2 file database return only once
 * they are in the file ({@link H2GroupCommit}). Other databases get the connections of
 * the wrapped source untouched: PostgreSQL makes a commit durable itself.
 */
final class GroupCommitDataSource extends DelegatingDataSource {

	private static final Set<String> CREATES_STATEMENT = Set.of("createStatement", "prepareStatement", "prepareCall");

	private static final Set<String> MAY_WRITE = Set.of("execute", "executeUpdate", "executeLargeUpdate",
			"executeBatch", "executeLargeBatch");

	private volatile H2GroupCommit groupCommit;

	/** PostgreSQL, or H2 in memory: connections are handed out as they are. */
	private volatile boolean noFileStore;

	GroupCommitDataSource(DataSource target) {
		super(target);
	}

	@Override
	public Connection getConnection() throws SQLException {
		return durable(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return durable(super.getConnection(username, password));
	}

	private Connection durable(Connection connection) throws SQLException {
		if (noFileStore) {
			return connection;
		}
		H2GroupCommit commits = groupCommitOf(connection);
		if (commits == null) {
			return connection;
		}
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				new DurableConnection(connection, commits));
	}

	/** The same database, unless it was closed and opened again (a new store). */
	private H2GroupCommit groupCommitOf(Connection connection) throws SQLException {
		H2GroupCommit known = groupCommit;
		if (known != null && known.sameStore(connection)) {
			return known;
		}
		synchronized (this) {
			if (groupCommit == null || !groupCommit.sameStore(connection)) {
				groupCommit = H2GroupCommit.of(connection);
				noFileStore = groupCommit == null;
			}
			return groupCommit;
		}
	}

	private record DurableConnection(Connection target, H2GroupCommit commits) implements InvocationHandler {

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			if (name.equals("commit")) {
				boolean changes = H2GroupCommit.hasChanges(target);
				target.commit();
				if (changes) {
					commits.awaitWritten();
				}
				return null;
			}
			Object result = call(target, method, args);
			if (CREATES_STATEMENT.contains(name)) {
				return statement((Statement) result, method.getReturnType());
			}
			return result;
		}

		/** In auto-commit mode each statement that may write commits on its own. */
		private Object statement(Statement statement, Class<?> type) {
			return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
					(proxy, method, args) -> {
						Object result = call(statement, method, args);
						if (MAY_WRITE.contains(method.getName()) && target.getAutoCommit()) {
							commits.awaitWritten();
						}
						return result;
					});
		}

	}

	private static Object call(Object target, Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException e) {
			throw e.getCause();
		}
	}

}
