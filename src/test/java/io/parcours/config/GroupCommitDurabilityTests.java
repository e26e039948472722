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
 * A process killed with SIGKILL right after its commits returned: every row it reported
 * committed is in the H2 file when the database is opened again. H2 is told to write only
 * once a minute, so without the group commit the rows are lost, which the second test
 * shows.
 */
class GroupCommitDurabilityTests {

	@TempDir
	Path directory;

	@Test
	void everyReturnedCommitSurvivesAKill() throws Exception {
		String url = url();
		Set<Integer> reported = runAndKill(url, "group");

		assertThat(reported).hasSize(CommitsThenWaits.ROWS);
		assertThat(rowsIn(url)).containsAll(reported);
	}

	@Test
	void withoutItH2LosesCommitsItHadReturned() throws Exception {
		String url = url();
		Set<Integer> reported = runAndKill(url, "plain");

		assertThat(reported).hasSize(CommitsThenWaits.ROWS);
		assertThat(rowsIn(url)).hasSizeLessThan(reported.size());
	}

	private String url() {
		return "jdbc:h2:file:" + directory.resolve("db") + ";WRITE_DELAY=60000";
	}

	private static Set<Integer> runAndKill(String url, String mode) throws IOException, InterruptedException {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		Process process = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
				CommitsThenWaits.class.getName(), url, mode)
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
