package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Random;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same stream of small commits, as journeys make them, into two H2 files written as
 * Parcours writes them (each commit at once, 1 KB pages): the one kept by the
 * housekeeping stays a fraction of the other's size. H2's retention time is 0 here, so
 * the space rewritten is reused at once instead of after 45 s.
 */
class H2HousekeepingTests {

	private static final int COMMITS = 6000;

	@TempDir
	Path directory;

	@Test
	void rewritingTheEmptiestChunksKeepsTheFileFromGrowingWithEveryCommit() throws Exception {
		long left = sizeAfterCommits("left", false);
		long kept = sizeAfterCommits("kept", true);

		assertThat(kept).as("kept %d bytes, left %d bytes", kept, left).isLessThan(left / 3);
	}

	@Test
	void anInMemoryDatabaseHasNoFileToKeep() {
		JdbcDataSource memory = new JdbcDataSource();
		memory.setURL("jdbc:h2:mem:housekeeping;DB_CLOSE_DELAY=-1");

		assertThat(H2Housekeeping.fileStoreOf(memory)).isEmpty();
	}

	private long sizeAfterCommits(String name, boolean housekeeping) throws SQLException, IOException {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:file:" + directory.resolve(name) + ";WRITE_DELAY=0;PAGE_SIZE=1024;RETENTION_TIME=0");
		Random random = new Random(42);
		try (Connection connection = dataSource.getConnection()) {
			MVStore store = H2Housekeeping.fileStoreOf(dataSource).orElseThrow();
			try (Statement ddl = connection.createStatement()) {
				ddl.execute("create table job (id int primary key, rev int, payload varchar(300))");
				ddl.execute("create table message (id int auto_increment primary key, contact varchar(40),"
						+ " body varchar(800))");
				ddl.execute("insert into job select x, 0, repeat('x', 300) from system_range(1, 2000)");
			}
			connection.setAutoCommit(false);
			try (PreparedStatement job = connection.prepareStatement("update job set rev = rev + 1 where id = ?");
					PreparedStatement message = connection
						.prepareStatement("insert into message (contact, body) values (?, repeat('b', 800))")) {
				for (int commit = 1; commit <= COMMITS; commit++) {
					job.setInt(1, 1 + random.nextInt(2000));
					job.executeUpdate();
					message.setString(1, "c-" + random.nextInt(2000));
					message.executeUpdate();
					connection.commit();
					if (housekeeping && commit % 50 == 0) {
						H2Housekeeping.compact(store);
					}
				}
			}
			return Files.size(directory.resolve(name + ".mv.db"));
		}
	}

}
