package io.parcours;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The test database's sessions, for tests that stage two transactions meeting on a lock.
 */
public final class H2Sessions {

	private H2Sessions() {
	}

	/** Waits until a database session waits for a lock another one holds. */
	public static void awaitOneBlocked(JdbcClient jdbc) {
		for (int poll = 0; poll < 200; poll++) {
			if (jdbc.sql("select count(*) from information_schema.sessions where blocker_id is not null")
				.query(Integer.class)
				.single() > 0) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		throw new IllegalStateException("No session waited for a lock");
	}

}
