package io.parcours.config;

import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.time.Duration;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.TransactionSystemException;

/**
 * Recognises a failure that means "the database cannot be reached right now" (no
 * connection within the pool's timeout, a dropped connection, a commit or rollback that
 * failed on a broken connection, a transient SQL error), wherever Spring, MyBatis or the
 * engine wrapped it, and answers it with 503 and {@code Retry-After}: the request was not
 * stored, the client should send it again.
 */
public final class DatabaseUnavailable {

	static final URI TYPE = URI.create("https://parcours.dev/problems/database-unavailable");

	/** SQLSTATE class 08: connection exception (PostgreSQL, H2 and the SQL standard). */
	private static final String CONNECTION_EXCEPTION_CLASS = "08";

	private DatabaseUnavailable() {
	}

	public static boolean causedBy(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessResourceFailureException || cause instanceof TransientDataAccessException
					|| cause instanceof CannotCreateTransactionException || cause instanceof TransactionSystemException
					|| cause instanceof SQLTransientException || cause instanceof SQLRecoverableException) {
				return true;
			}
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& sql.getSQLState().startsWith(CONNECTION_EXCEPTION_CLASS)) {
				return true;
			}
			if (cause.getCause() == cause) {
				return false;
			}
		}
		return false;
	}

	/**
	 * Runs {@code work} again, a few times after a pause, while the database cannot be
	 * reached (a burst with every connection busy): for what must not be lost, as a
	 * provider's acceptance of a message, which would otherwise read as unknown. Any
	 * other failure, or the last one, is thrown.
	 */
	public static void retryWhileUnavailable(Runnable work, int attempts, Duration pause) {
		for (int attempt = 1;; attempt++) {
			try {
				work.run();
				return;
			}
			catch (RuntimeException failure) {
				if (attempt >= attempts || !causedBy(failure)) {
					throw failure;
				}
				try {
					Thread.sleep(pause.toMillis());
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					throw failure;
				}
			}
		}
	}

	public static ResponseEntity<ProblemDetail> response(Throwable failure, long retryAfterSeconds, String requestUri) {
		return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
			.header(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds))
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.body(problem(failure, requestUri));
	}

	/**
	 * The problem for a request to {@code requestUri}: a batch of events may have had its
	 * first events stored before the database failed it, which sent again come back as
	 * duplicates.
	 */
	static ProblemDetail problem(Throwable failure, String requestUri) {
		boolean busy = onlyBusy(failure);
		String stored = requestUri != null && requestUri.endsWith(":batch")
				? "the events of this batch before the failure may be stored (sent again whole, they come back as"
						+ " duplicates), the others were not. Send the whole batch again after Retry-After seconds."
				: "nothing was stored. Send the request again after Retry-After seconds.";
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				(busy ? "Every database connection is in use right now (a burst of work on this node): "
						: "The database cannot be reached right now: ") + stored);
		problem.setType(TYPE);
		problem.setTitle(busy ? "Database busy" : "Database unavailable");
		return problem;
	}

	/** How the log names it: ops look at the database only when it is down. */
	public static String kind(Throwable failure) {
		return onlyBusy(failure) ? "Database busy (every connection in use)" : "Database unavailable";
	}

	/**
	 * The pool had no free connection within its timeout while the database answered:
	 * Hikari then gives no cause, where a database that cannot be reached gives the last
	 * failure to connect.
	 */
	static boolean onlyBusy(Throwable failure) {
		for (Throwable cause = failure; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
			if (cause instanceof SQLTransientConnectionException timedOut) {
				return timedOut.getCause() == null;
			}
		}
		return false;
	}

}
