package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Why the default H2 URL says {@code WRITE_DELAY=0}: a process killed with SIGKILL right
 * after its commits returned finds every row it reported committed in the file when the
 * database is opened again; with a write delay, rows it had reported are lost.
 */
class H2DurabilityTests {

	@TempDir
	Path directory;

	@Test
	void everyReturnedCommitSurvivesAKill() throws Exception {
		String url = url("WRITE_DELAY=0");
		Set<Integer> reported = runAndKill(url);

		assertThat(reported).hasSize(CommitsThenWaits.ROWS);
		assertThat(rowsIn(url)).containsAll(reported);
	}

	@Test
	void withAWriteDelayH2LosesCommitsItHadReturned() throws Exception {
		String url = url("WRITE_DELAY=60000");
		Set<Integer> reported = runAndKill(url);

		assertThat(reported).hasSize(CommitsThenWaits.ROWS);
		assertThat(rowsIn(url)).hasSizeLessThan(reported.size());
	}

	private String url(String writeDelay) {
		return "jdbc:h2:file:" + directory.resolve("db") + ";" + writeDelay;
	}

	private static Set<Integer> runAndKill(String url) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CommitsThenWaits.class.getName(), url)
			.redirectErrorStream(true)
			.start();
		Set<Integer> reported = new HashSet<>();
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null && !line.equals("done")) {
				if (line.startsWith("committed ")) {
					reported.add(Integer.valueOf(line.substring("committed ".length())));
				}
			}
			process.destroyForcibly();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		}
		return reported;
	}

	private static Set<Integer> rowsIn(String url) throws SQLException {
		Set<Integer> rows = new HashSet<>();
		try (Connection connection = DriverManager.getConnection(url, "sa", "")) {
			boolean exists = connection.getMetaData().getTables(null, null, "COMMITTED", null).next();
			if (exists) {
				try (ResultSet result = connection.createStatement().executeQuery("select id from committed")) {
					while (result.next()) {
						rows.add(result.getInt(1));
					}
				}
			}
		}
		return rows;
	}

}
