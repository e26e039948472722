package io.parcours.sales;

import static io.parcours.config.Sql.at;

import java.time.Clock;
import java.time.Instant;

import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code crm_push} log: one row per journey instance with its attempts and the last
 * outcome, written in its own transaction so a failed attempt stays logged when the job
 * rolls back.
 */
@Repository
class CrmPushes {

	static final String SENT = "SENT";

	static final String FAILED = "FAILED";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	CrmPushes(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	boolean sent(String processInstanceId) {
		return SENT.equals(jdbc.sql("select status from crm_push where process_instance_id = ?")
			.param(processInstanceId)
			.query(String.class)
			.optional()
			.orElse(null));
	}

	void record(String processInstanceId, String contactId, String target, String status, Integer responseStatus,
			String error) {
		Instant now = clock.instant();
		String lastError = error == null || error.length() <= 500 ? error : error.substring(0, 497) + "...";
		ownTransaction.executeWithoutResult(tx -> {
			int updated = jdbc.sql("""
					update crm_push set status = ?, response_status = ?, last_error = ?, attempts = attempts + 1,
					  target = ?, updated_at = ? where process_instance_id = ?""")
				.params(status, responseStatus, lastError, target, at(now), processInstanceId)
				.update();
			if (updated == 0) {
				jdbc.sql(
						"""
								insert into crm_push (process_instance_id, contact_id, target, status, response_status, attempts,
								  last_error, created_at, updated_at) values (?, ?, ?, ?, ?, 1, ?, ?, ?)""")
					.params(processInstanceId, contactId, target, status, responseStatus, lastError, at(now), at(now))
					.update();
			}
		});
	}

	/** Kept for the figures, no longer under the shop's id ({@link ContactErased}). */
	@EventListener
	void refile(ContactErased erased) {
		erased.refile(jdbc, "crm_push");
	}

}
