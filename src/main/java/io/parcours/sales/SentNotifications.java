package io.parcours.sales;

import static io.parcours.config.Sql.at;

import java.time.Instant;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code sales_notification} table. A row is committed on its own before the provider
 * call, so a retried job finds it and does not notify twice; a call known to have failed
 * removes it again so the retry sends.
 */
@Repository
class SentNotifications {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	SentNotifications(JdbcClient jdbc, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** False when this notification was already sent (or is being sent). */
	boolean claim(String key, String userId, String kind, String taskId, String provider, Instant now) {
		try {
			ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
					insert into sales_notification (idempotency_key, user_id, kind, task_id, provider, created_at)
					values (?, ?, ?, ?, ?, ?)""").params(key, userId, kind, taskId, provider, at(now)).update());
			return true;
		}
		catch (DuplicateKeyException sentBefore) {
			return false;
		}
	}

	void release(String key) {
		ownTransaction.executeWithoutResult(
				tx -> jdbc.sql("delete from sales_notification where idempotency_key = ?").param(key).update());
	}

}
