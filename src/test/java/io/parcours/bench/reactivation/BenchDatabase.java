package io.parcours.bench.reactivation;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A fresh database for one benchmark run: the default H2 in a file, or a real PostgreSQL
 * (zonky embedded, binaries from Maven Central) with production durability
 * ({@code synchronous_commit=on}).
 */
record BenchDatabase(String name, String label, String url, String user, String password,
		AutoCloseable server) implements AutoCloseable {

	static BenchDatabase open(String name, Path workDir) throws IOException {
		return switch (name) {
			case "h2" -> h2(workDir.resolve("reactivation-h2"));
			case "postgres" -> postgres();
			default -> throw new IllegalArgumentException("unknown database '" + name + "' (h2, postgres)");
		};
	}

	private static BenchDatabase h2(Path dir) throws IOException {
		if (Files.exists(dir)) {
			try (Stream<Path> files = Files.walk(dir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
		Files.createDirectories(dir);
		// the same URL options as the application's default H2 (application.yaml), in a
		// fresh file
		String url = "jdbc:h2:file:" + dir.toAbsolutePath().resolve("parcours")
				+ ";WRITE_DELAY=0;PAGE_SIZE=1024;LOCK_TIMEOUT=10000;DB_CLOSE_ON_EXIT=FALSE;QUERY_CACHE_SIZE=256";
		return new BenchDatabase("h2", "H2 (file)", url, "sa", "", () -> {
		});
	}

	private static BenchDatabase postgres() throws IOException {
		EmbeddedPostgres server = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "on").start();
		return new BenchDatabase("postgres", "PostgreSQL 14 (embedded)", server.getJdbcUrl("postgres", "postgres"),
				"postgres", "postgres", server);
	}

	@Override
	public void close() throws Exception {
		server.close();
	}

}
