package io.parcours.bench.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.parcours.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * The database a benchmarked node runs on: the default H2 file database (in a fresh
 * directory), or PostgreSQL (zonky's binaries, durable settings, started here).
 */
abstract class BenchDatabase implements AutoCloseable {

	abstract String name();

	/** Settings for the node. */
	abstract List<String> nodeArgs();

	/** For counting once the node has stopped. */
	abstract JdbcClient jdbc();

	static BenchDatabase of(String name) throws IOException {
		return switch (name) {
			case "h2" -> new H2(Files.createTempDirectory("parcours-bench-h2"));
			case "postgres" -> new Postgres(TestPostgres.startDurable(100));
			default -> throw new IllegalArgumentException("unknown database " + name + ": h2 or postgres");
		};
	}

	static final class H2 extends BenchDatabase {

		private final Path directory;

		private final String url;

		H2(Path directory) {
			this.directory = directory;
			// the URL of application.yaml, in a directory of its own
			this.url = "jdbc:h2:file:" + directory.resolve("parcours")
					+ ";WRITE_DELAY=0;PAGE_SIZE=1024;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256"
					+ System.getenv().getOrDefault("BENCH_H2_OPTIONS", "");
		}

		@Override
		String name() {
			return "H2 (file)";
		}

		@Override
		List<String> nodeArgs() {
			return List.of("--spring.datasource.url=" + url);
		}

		@Override
		JdbcClient jdbc() {
			return JdbcClient.create(new DriverManagerDataSource(url, "sa", ""));
		}

		/** Each run leaves a database of a few hundred MB: counted, it goes. */
		@Override
		public void close() throws IOException {
			FileSystemUtils.deleteRecursively(directory);
		}

	}

	static final class Postgres extends BenchDatabase {

		private final EmbeddedPostgres server;

		Postgres(EmbeddedPostgres server) {
			this.server = server;
		}

		@Override
		String name() {
			return "PostgreSQL (embedded, fsync on)";
		}

		@Override
		List<String> nodeArgs() {
			return List.of("--spring.datasource.url=" + TestPostgres.url(server.getPort(), "postgres"),
					"--spring.datasource.username=" + TestPostgres.USER, "--spring.datasource.password=");
		}

		@Override
		JdbcClient jdbc() {
			return JdbcClient.create(server.getPostgresDatabase());
		}

		@Override
		public void close() throws IOException {
			server.close();
		}

	}

}
