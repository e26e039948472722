package io.parcours.bench.faults;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.parcours.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The database a killed node restarts on: PostgreSQL (embedded, fsync on) or H2 in a
 * file, the embedded default. The H2 file is opened in mixed mode so that the recount can
 * read it while the node runs; that changes nothing about when a commit reaches the file.
 */
record KillDatabase(String name, String url, String user, JdbcClient jdbc,
		AutoCloseable closer) implements AutoCloseable {

	static KillDatabase of(String kind) throws IOException {
		if (kind.equals("h2")) {
			Path directory = Files.createTempDirectory("parcours-kill-h2");
			String url = "jdbc:h2:file:" + directory.resolve("parcours")
					+ ";AUTO_SERVER=TRUE;WRITE_DELAY=0;PAGE_SIZE=1024;LOCK_TIMEOUT=10000;QUERY_CACHE_SIZE=256";
			return new KillDatabase("H2 in a file (the embedded default)", url, "sa",
					JdbcClient.create(new DriverManagerDataSource(url, "sa", "")), () -> {
					});
		}
		EmbeddedPostgres postgres = TestPostgres.startDurable(100);
		return new KillDatabase("PostgreSQL embedded with fsync on", TestPostgres.url(postgres.getPort(), "postgres"),
				TestPostgres.USER, JdbcClient.create(postgres.getPostgresDatabase()), postgres);
	}

	@Override
	public void close() throws Exception {
		closer.close();
	}

}
