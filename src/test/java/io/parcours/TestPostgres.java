package io.parcours;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One real PostgreSQL server (zonky's embedded binaries) per JVM, started on first use
 * and stopped when the JVM ends; each caller gets a fresh database of its own. Tuned for
 * tests (no fsync), unless {@code durable} settings are asked for, as benchmarks do.
 */
public final class TestPostgres {

	public static final String USER = "postgres";

	private static final AtomicInteger databases = new AtomicInteger();

	private static EmbeddedPostgres server;

	private TestPostgres() {
	}

	/** A new, empty database on the shared test server: its name. */
	public static synchronized String newDatabase(String prefix) {
		EmbeddedPostgres postgres = server();
		String name = prefix + "_" + databases.incrementAndGet() + "_" + ProcessHandle.current().pid();
		try (Connection connection = postgres.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("create database " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("Cannot create test database " + name, e);
		}
		return name;
	}

	/** The JDBC URL of a database on the shared test server. */
	public static String url(String database) {
		return url(port(), database);
	}

	public static String url(int port, String database) {
		return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
	}

	public static int port() {
		return server().getPort();
	}

	/**
	 * A server of its own with PostgreSQL's durable defaults (fsync on), for benchmarks;
	 * the caller closes it.
	 */
	public static EmbeddedPostgres startDurable(int maxConnections) {
		try {
			return configure(EmbeddedPostgres.builder(), Map.of("max_connections", Integer.toString(maxConnections)))
				.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException("Cannot start PostgreSQL", e);
		}
	}

	private static synchronized EmbeddedPostgres server() {
		if (server == null) {
			try {
				server = configure(EmbeddedPostgres.builder(), Map.of("max_connections", "300", "fsync", "off",
						"synchronous_commit", "off", "full_page_writes", "off"))
					.start();
			}
			catch (IOException e) {
				throw new UncheckedIOException("Cannot start the embedded PostgreSQL for tests", e);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(TestPostgres::stop, "test-postgres-stop"));
		}
		return server;
	}

	private static EmbeddedPostgres.Builder configure(EmbeddedPostgres.Builder builder, Map<String, String> settings) {
		settings.forEach(builder::setServerConfig);
		return builder.setPGStartupWait(Duration.ofSeconds(30));
	}

	private static synchronized void stop() {
		try {
			if (server != null) {
				server.close();
			}
		}
		catch (IOException e) {
			// the JVM is ending; nothing left to do
		}
	}

}
