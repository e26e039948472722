package io.parcours.channel;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.parcours.contact.Channel;
import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code message} table. Writes made while sending commit on their own, outside the
 * journey's transaction, so the record of an attempt survives the rollback or crash of
 * the job that made it.
 */
@Repository
public class Messages {

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final Clock clock;

	Messages(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public Optional<MessageRecord> findByKey(String idempotencyKey) {
		return jdbc.sql("select * from message where idempotency_key = ?")
			.param(idempotencyKey)
			.query(Messages::map)
			.optional();
	}

	public Optional<MessageRecord> find(String id) {
		return jdbc.sql("select * from message where id = ?").param(id).query(Messages::map).optional();
	}

	public List<MessageRecord> ofContact(String contactId) {
		return jdbc.sql("select * from message where contact_id = ? order by created_at, id")
			.param(contactId)
			.query(Messages::map)
			.list();
	}

	public List<MessageRecord> search(String journey, MessageStatus status, int limit, int offset) {
		return jdbc.sql("""
				select * from message
				where (cast(:journey as varchar(100)) is null or journey = :journey)
				  and (cast(:status as varchar(12)) is null or status = :status)
				order by created_at desc, id limit :limit offset :offset""")
			.param("journey", journey)
			.param("status", status == null ? null : status.name())
			.param("limit", limit)
			.param("offset", offset)
			.query(Messages::map)
			.list();
	}

	/** Records a message that will not be sent, with the reason. */
	MessageRecord insertSkipped(SendRequest request, String reason) {
		return insert(request, null, MessageStatus.SKIPPED, reason, null, null, null);
	}

	/** Records, and commits, that the provider is about to be called. */
	MessageRecord insertSending(SendRequest request, String provider, String recipient, RenderedMessage content) {
		return insert(request, provider, MessageStatus.SENDING, null, recipient, content.subject(), content.body());
	}

	void markSending(String id) {
		update("update message set status = 'SENDING', attempts = attempts + 1, updated_at = ? where id = ?", id);
	}

	void markSent(String id, String providerMessageId) {
		Instant now = clock.instant();
		ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				update message set status = 'SENT', provider_message_id = ?, reason = null, sent_at = ?, updated_at = ?
				where id = ? and status in ('SENDING', 'UNKNOWN')""")
			.params(providerMessageId, at(now), at(now), id)
			.update());
	}

	void markRetrying(String id, String error) {
		updateWithReason("update message set status = 'RETRYING', reason = ?, updated_at = ? where id = ?", error, id);
	}

	void markFailed(String id, String reason) {
		updateWithReason("update message set status = 'FAILED', reason = ?, updated_at = ? where id = ?", reason, id);
	}

	/** The provider may or may not have accepted it: never resend, count it apart. */
	void markUnknown(String id, String reason) {
		updateWithReason(
				"update message set status = 'UNKNOWN', reason = ?, updated_at = ? where id = ? and status = 'SENDING'",
				reason, id);
	}

	@EventListener
	void scrub(ContactErased erased) {
		jdbc.sql("update message set recipient = null, subject = null, body = null where contact_id = ?")
			.param(erased.contactId())
			.update();
	}

	private MessageRecord insert(SendRequest request, String provider, MessageStatus status, String reason,
			String recipient, String subject, String body) {
		Instant now = clock.instant();
		String id = UUID.randomUUID().toString();
		ownTransaction.executeWithoutResult(tx -> jdbc
			.sql("""
					insert into message (id, idempotency_key, contact_id, channel, provider, template, journey,
					  process_instance_id, step, variant, status, reason, recipient, subject, body, attempts, created_at, updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""")
			.params(id, request.idempotencyKey(), request.contactId(), request.channel().value(), provider,
					request.template(), request.journey(), request.processInstanceId(), request.step(),
					request.variant(), status.name(), truncate(reason), recipient, subject, body, at(now), at(now))
			.update());
		return find(id).orElseThrow();
	}

	private void update(String sql, String id) {
		ownTransaction.executeWithoutResult(tx -> jdbc.sql(sql).params(at(clock.instant()), id).update());
	}

	private void updateWithReason(String sql, String reason, String id) {
		ownTransaction
			.executeWithoutResult(tx -> jdbc.sql(sql).params(truncate(reason), at(clock.instant()), id).update());
	}

	private static String truncate(String reason) {
		return reason == null || reason.length() <= 500 ? reason : reason.substring(0, 497) + "...";
	}

	private static MessageRecord map(ResultSet rs, int row) throws SQLException {
		return new MessageRecord(rs.getString("id"), rs.getString("idempotency_key"), rs.getString("contact_id"),
				Channel.fromValue(rs.getString("channel")), rs.getString("provider"), rs.getString("template"),
				rs.getString("journey"), rs.getString("process_instance_id"), rs.getString("step"),
				rs.getString("variant"), MessageStatus.valueOf(rs.getString("status")), rs.getString("reason"),
				rs.getString("provider_message_id"), rs.getString("recipient"), rs.getString("subject"),
				rs.getString("body"), rs.getInt("attempts"), instant(rs, "created_at"), instant(rs, "updated_at"),
				instant(rs, "sent_at"));
	}

}
