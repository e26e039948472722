package io.parcours.config;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;

/**
 * Makes a commit on an H2 file database durable before the committing thread goes on,
 * sharing one file write among the commits that finish together.
 * <p>
 * H2 keeps committed changes in memory and writes them to its file later (up to
 * {@code WRITE_DELAY} later): a node killed in between loses transactions it has already
 * acknowledged (an event answered 202, a send recorded before calling the provider).
 * Writing at every commit ({@code WRITE_DELAY=0}) is safe but rewrites every changed page
 * of every table and index each time, a third of a node's CPU under load. Here the first
 * committer that finds its changes unwritten writes everything committed so far, and
 * those who committed meanwhile find their changes written and return: PostgreSQL's group
 * commit.
 */
final class H2GroupCommit {

	private final MVStore store;

	private final ReentrantLock writing = new ReentrantLock();

	/** Every commit made while the store's version was at most this is in the file. */
	private volatile long writtenUpTo = -1;

	private H2GroupCommit(MVStore store) {
		this.store = store;
	}

	/**
	 * The group commit of the file database behind the connection, or null (in memory,
	 * not H2).
	 */
	static H2GroupCommit of(Connection connection) throws SQLException {
		if (!connection.isWrapperFor(JdbcConnection.class)) {
			return null;
		}
		MVStore store = mvStore(connection);
		return store == null || store.getFileStore() == null ? null : new H2GroupCommit(store);
	}

	/** Whether the connection's transaction has changes a commit must write. */
	static boolean hasChanges(Connection connection) throws SQLException {
		return session(connection).hasPendingTransaction();
	}

	/**
	 * Call right after a commit returned: returns once that commit's changes are in the
	 * file.
	 */
	void awaitWritten() {
		// A commit made while the version was v is written by the store that moves the
		// version past v, and stores run one at a time.
		long committedAt = store.getCurrentVersion();
		if (committedAt <= writtenUpTo) {
			return;
		}
		writing.lock();
		try {
			if (committedAt <= writtenUpTo) {
				return;
			}
			long version = store.getCurrentVersion();
			store.commit();
			// a background write of H2's own may still be under way: wait for it too
			store.getFileStore().executeFileStoreOperation(() -> {
			});
			writtenUpTo = version;
		}
		finally {
			writing.unlock();
		}
	}

	boolean sameStore(Connection connection) throws SQLException {
		return mvStore(connection) == store;
	}

	private static MVStore mvStore(Connection connection) throws SQLException {
		return session(connection).getDatabase().getStore().getMvStore();
	}

	private static SessionLocal session(Connection connection) throws SQLException {
		return (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
	}

}
