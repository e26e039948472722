package io.parcours.channel.webhook;

import static io.parcours.config.Sql.at;

import java.time.Clock;

import io.parcours.config.InsertOnce;

import org.apache.commons.codec.digest.DigestUtils;

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

	/** The size of {@code webhook_receipt.id}. */
	static final int MAX_ID = 200;

	/** True the first time an event id is seen. */
	boolean firstTime(String eventId) {
		return insertOnce.insert(() -> jdbc.sql("insert into webhook_receipt (id, received_at) values (?, ?)")
			.params(key(eventId), at(clock.instant()))
			.update());
	}

	/**
	 * The event id, or its SHA-256 when it is longer than the column: an id a provider
	 * sends oddly long must not fail the request, and with it the other events of its
	 * batch, at every delivery.
	 */
	static String key(String eventId) {
		return eventId.length() <= MAX_ID ? eventId : "sha-256:" + DigestUtils.sha256Hex(eventId);
	}

}
