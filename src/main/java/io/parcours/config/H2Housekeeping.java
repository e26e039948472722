package io.parcours.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The embedded H2 file writes each commit at once ({@code WRITE_DELAY=0}, what makes an
 * accepted event survive a SIGKILL), and at that setting H2 starts none of the
 * housekeeping its background writer does: the chunks its commits leave nearly empty are
 * never rewritten, so their space is never reused and the file grows with every commit
 * (gigabytes within minutes under load). This does that housekeeping: every second, the
 * live pages of the emptiest chunks (16 MB at most) are rewritten, and H2 reuses their
 * space once its retention time has passed (45 s, H2's default, kept: it is what lets a
 * file whose last writes a power cut lost open at its previous state). PostgreSQL needs
 * none of this.
 */
@Component
class H2Housekeeping {

	private static final Logger log = LoggerFactory.getLogger(H2Housekeeping.class);

	/** Below this share of live data in the file's chunks, chunks are rewritten. */
	static final int TARGET_FILL_RATE = 80;

	/**
	 * At most this much live data is moved per attempt: the store is locked meanwhile,
	 * and commits wait (tens of milliseconds at most).
	 */
	static final int BYTES_PER_ATTEMPT = 16 * 1024 * 1024;

	/**
	 * H2 waits 10 ms for its store's lock, which commits under load hold most of the
	 * time; a run tries a few times.
	 */
	static final int ATTEMPTS_PER_RUN = 10;

	private final DataSource dataSource;

	private final boolean enabled;

	private volatile Optional<MVStore> store;

	H2Housekeeping(DataSource dataSource, @Value("${parcours.h2.housekeeping:true}") boolean enabled) {
		this.dataSource = dataSource;
		this.enabled = enabled;
	}

	@Scheduled(fixedDelayString = "${parcours.h2.housekeeping-interval:1s}", initialDelayString = "PT10S")
	void rewriteEmptiestChunks() {
		if (!enabled) {
			return;
		}
		store().ifPresent(H2Housekeeping::compact);
	}

	static boolean compact(MVStore store) {
		try {
			for (int attempt = 0; attempt < ATTEMPTS_PER_RUN && !store.isClosed()
					&& store.getFileStore().getChunksFillRate() < TARGET_FILL_RATE; attempt++) {
				if (store.compact(TARGET_FILL_RATE, BYTES_PER_ATTEMPT)) {
					return true;
				}
			}
			return false;
		}
		catch (RuntimeException closedMeanwhile) {
			// the node stopping: H2 compacts nothing more, and needs nothing more
			log.debug("H2 housekeeping skipped: {}", closedMeanwhile.toString());
			return false;
		}
	}

	private Optional<MVStore> store() {
		if (store == null) {
			store = fileStoreOf(dataSource);
			store.ifPresent(
					found -> log.info("H2 housekeeping on: the file's emptiest chunks are rewritten as it runs"));
		}
		return store;
	}

	/** The store of an embedded H2 database in a file; none for others. */
	static Optional<MVStore> fileStoreOf(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			if (!connection.isWrapperFor(JdbcConnection.class)
					|| !(connection.unwrap(JdbcConnection.class).getSession() instanceof SessionLocal session)
					|| session.getDatabase().getStore() == null) {
				return Optional.empty();
			}
			MVStore found = session.getDatabase().getStore().getMvStore();
			return found.getFileStore() == null ? Optional.empty() : Optional.of(found);
		}
		catch (SQLException | RuntimeException unknown) {
			log.debug("No H2 housekeeping: {}", unknown.toString());
			return Optional.empty();
		}
	}

}
