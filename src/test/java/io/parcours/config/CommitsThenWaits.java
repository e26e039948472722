package io.parcours.config;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;

/**
 * The process {@link H2DurabilityTests} kills: commits rows from several threads (in
 * transactions and in auto-commit mode), prints the id of each row once its commit
 * returned, then waits to be killed. Argument: the database URL.
 */
public final class CommitsThenWaits {

	static final int ROWS = 200;

	public static void main(String[] args) throws Exception {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(args[0]);
		dataSource.setUser("sa");
		// held open, as a pool does: H2 writes everything when its last connection closes
		Connection held = dataSource.getConnection();
		held.createStatement().execute("create table committed (id int primary key, payload varchar(200))");
		ExecutorService threads = Executors.newFixedThreadPool(8);
		for (int i = 0; i < ROWS; i++) {
			int id = i;
			threads.execute(() -> insert(dataSource, id));
		}
		threads.shutdown();
		threads.awaitTermination(1, TimeUnit.MINUTES);
		System.out.println("done");
		System.out.flush();
		Thread.sleep(TimeUnit.MINUTES.toMillis(5));
		held.close();
	}

	private static void insert(DataSource dataSource, int id) {
		try (Connection connection = dataSource.getConnection()) {
			boolean inTransaction = id % 2 == 0;
			connection.setAutoCommit(!inTransaction);
			try (PreparedStatement insert = connection
				.prepareStatement("insert into committed (id, payload) values (?, ?)")) {
				insert.setInt(1, id);
				insert.setString(2, "row " + id + " ".repeat(150));
				insert.executeUpdate();
			}
			if (inTransaction) {
				connection.commit();
			}
			synchronized (System.out) {
				System.out.println("committed " + id);
				System.out.flush();
			}
		}
		catch (SQLException e) {
			throw new IllegalStateException(e);
		}
	}

}
