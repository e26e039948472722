package io.parcours.channel.webhook;

import static io.parcours.config.Sql.at;

import java.time.Clock;

import io.parcours.config.InsertOnce;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Provider events already applied ({@code webhook_receipt}). Recorded in the transaction
 * that applies the event, so a replayed or retried webhook has no second effect, and one
 * that failed half-way is applied whole when the provider retries it.
 */
@Repository
class WebhookReceipts {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	private final Clock clock;

	WebhookReceipts(JdbcClient jdbc, InsertOnce insertOnce, Clock clock) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
		this.clock = clock;
	}

	/** True the first time an event id is seen. */
	boolean firstTime(String eventId) {
		return insertOnce.insert(() -> jdbc.sql("insert into webhook_receipt (id, received_at) values (?, ?)")
			.params(eventId, at(clock.instant()))
			.update());
	}

}
