package io.parcours.config;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs an insert that may clash with a concurrent one on its unique key, inside the
 * current transaction. The insert runs under a savepoint: on PostgreSQL a failed
 * statement would otherwise abort the whole transaction, so only the savepoint is rolled
 * back and the caller carries on.
 */
@Component
public class InsertOnce {

	private final TransactionTemplate savepoint;

	InsertOnce(PlatformTransactionManager transactions) {
		this.savepoint = new TransactionTemplate(transactions);
		this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	/** True when the row was inserted, false when it already existed. */
	public boolean insert(Runnable insert) {
		try {
			savepoint.executeWithoutResult(status -> insert.run());
			return true;
		}
		catch (DuplicateKeyException alreadyThere) {
			return false;
		}
	}

}
