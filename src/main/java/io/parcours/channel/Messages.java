package io.parcours.channel;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import io.parcours.config.DatabaseUnavailable;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactErased;
import io.parcours.journey.SimulatedNow;
import io.parcours.journey.TestRunContacts;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code message} table. Writes made while sending commit on their own, outside the
 * journey's transaction, so the record of an attempt survives the rollback or crash of
 * the job that made it. A send's decision (skipped, deferred, sending) is written in the
 * transaction of {@link SendGate}, which holds the contact's lock and commits it before
 * the provider is called; the outcome of the call commits on its own.
 */
@Repository
public class Messages implements DeliveryPolicy.MarketingHistory {

	/** About 20 s with a pool's 3-s wait for a connection: a burst passes. */
	static final int RECORD_SENT_ATTEMPTS = 5;

	static final String UNKNOWN_AFTER_JOURNEY_ENDED = "interrupted during the provider call, its journey ended"
			+ " meanwhile; not sent again";

	private final JdbcClient jdbc;

	private final TransactionTemplate ownTransaction;

	private final TransactionTemplate gateTransaction;

	private final Clock clock;

	Messages(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
		this.gateTransaction = new TransactionTemplate(transactions);
		this.gateTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_MANDATORY);
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

	/**
	 * Latest first. {@code before} (a message of an earlier page, its last) pages through
	 * a listing that grows meanwhile without repeating or skipping a message; an offset
	 * shifts with every new message.
	 */
	public List<MessageRecord> search(String journey, MessageStatus status, MessageRecord before, int limit,
			int offset) {
		StringBuilder sql = new StringBuilder("select * from message where contact_id not like :testRuns");
		Map<String, Object> params = new HashMap<>();
		params.put("testRuns", TestRunContacts.LIKE);
		if (journey != null) {
			sql.append(" and journey = :journey");
			params.put("journey", journey);
		}
		if (status != null) {
			sql.append(" and status = :status");
			params.put("status", status.name());
		}
		if (before != null) {
			sql.append(" and (created_at < :beforeAt or created_at = :beforeAt and id < :beforeId)");
			params.put("beforeAt", at(before.createdAt()));
			params.put("beforeId", before.id());
		}
		sql.append(" order by created_at desc, id desc limit :limit offset :offset");
		params.put("limit", limit);
		params.put("offset", offset);
		return jdbc.sql(sql.toString()).params(params).query(Messages::map).list();
	}

	/** Records a message that will not be sent, with the reason. */
	/** A message skipped and written nowhere (its contact was erased). */
	MessageRecord unrecorded(SendRequest request, String reason) {
		Instant now = now();
		return new MessageRecord(null, request.idempotencyKey(), request.contactId(), request.channel(), null,
				request.template(), request.journey(), request.processInstanceId(), request.step(), request.variant(),
				MessageStatus.SKIPPED, reason, null, null, null, null, 0, now, now, null, request.category(), null);
	}

	/**
	 * A message skipped before its step ran, once per step: see {@link ChannelChoice}.
	 */
	void insertSkippedOnce(SendRequest request, String reason) {
		if (findByKey(request.idempotencyKey()).isEmpty()) {
			insertSkipped(request, reason);
		}
	}

	MessageRecord insertSkipped(SendRequest request, String reason) {
		return insert(request, null, MessageStatus.SKIPPED, reason, null, null);
	}

	/**
	 * Records that the provider is about to be called (committed with the gate, before
	 * the call).
	 */
	MessageRecord insertSending(SendRequest request, String provider, String recipient, RenderedMessage content) {
		return insert(request, provider, MessageStatus.SENDING, null, new Recipient(recipient, content), null);
	}

	/** Records a message waiting for the end of quiet hours. */
	MessageRecord insertDeferred(SendRequest request, PolicyDecision deferral) {
		return insert(request, null, MessageStatus.DEFERRED, deferral.reason(), null,
				deferral.deferredUntil().toInstant());
	}

	/** A deferred message is decided again: skipped after all. */
	void decideSkipped(String id, String reason) {
		gateTransaction.executeWithoutResult(tx -> jdbc.sql(
				"update message set status = 'SKIPPED', reason = ?, deferred_until = null, updated_at = ? where id = ?")
			.params(truncate(reason), at(now()), id)
			.update());
	}

	/**
	 * A deferred message, or one to retry, is decided again: it waits for the end of
	 * quiet hours.
	 */
	void decideDeferred(String id, PolicyDecision deferral) {
		Instant now = now();
		// the attempt ahead is counted when it is put off, as for a message deferred at
		// once: a retry that quiet hours hold back is an attempt all the same
		gateTransaction.executeWithoutResult(tx -> jdbc.sql("""
				update message set status = 'DEFERRED', reason = ?, deferred_until = ?, updated_at = ?,
				  attempts = attempts + case when status = 'DEFERRED' then 0 else 1 end
				where id = ?""")
			.params(deferral.reason(), at(deferral.deferredUntil().toInstant()), at(now), id)
			.update());
	}

	/**
	 * A deferred message, or one to retry (to the contact's new address), is decided
	 * again: the provider is about to be called.
	 */
	void decideSending(String id, String provider, String recipient, RenderedMessage content) {
		Instant now = now();
		gateTransaction.executeWithoutResult(tx -> jdbc
			.sql("""
					update message set status = 'SENDING', reason = null, provider = ?, recipient = ?, subject = ?, body = ?,
					  attempts = attempts + case when status = 'DEFERRED' then 0 else 1 end, updated_at = ?
					where id = ? and status in ('DEFERRED', 'RETRYING', 'INCIDENT')""")
			.params(provider, recipient, content.subject(), content.body(), at(now), id)
			.update());
	}

	/**
	 * Marketing messages sent (or on their way) to the contact since the moment given.
	 */
	@Override
	public int sentSince(String contactId, Instant since) {
		return jdbc.sql("""
				select count(*) from message
				where contact_id = ? and category = 'MARKETING' and status not in ('SKIPPED', 'DEFERRED', 'FAILED')
				  and coalesce(sent_at, created_at) > ?""").params(contactId, at(since)).query(Integer.class).single();
	}

	/** How many messages are in each status, e.g. how many have an unknown outcome. */
	public Map<MessageStatus, Integer> countByStatus() {
		Map<MessageStatus, Integer> counts = new EnumMap<>(MessageStatus.class);
		jdbc.sql("select status, count(*) as n from message where contact_id not like ? group by status")
			.param(TestRunContacts.LIKE)
			.query(rs -> {
				counts.put(MessageStatus.valueOf(rs.getString("status")), rs.getInt("n"));
			});
		return counts;
	}

	public int count(MessageStatus status) {
		return jdbc.sql("select count(*) from message where status = ?")
			.param(status.name())
			.query(Integer.class)
			.single();
	}

	/**
	 * Moves a message on after a provider event (delivered, opened, bounced...), never
	 * back; false when the message already was there or further. A message whose outcome
	 * was unknown loses the reason it was unknown: the provider has now said. Its send
	 * time is when it was last handed to the provider (the row's last change), not when
	 * the webhook came: the frequency cap counts it where it belongs.
	 */
	public boolean advance(String id, MessageStatus next, String reason) {
		List<String> from = next.advancesFrom().stream().map(MessageStatus::name).toList();
		Instant now = now();
		return jdbc
			.sql("""
					update message set status = :next,
					  reason = case when status = 'UNKNOWN' then :reason else coalesce(:reason, reason) end, updated_at = :now,
					  sent_at = coalesce(sent_at, updated_at)
					where id = :id and status in (:from)""")
			.param("next", next.name())
			.param("reason", truncate(reason))
			.param("now", at(now))
			.param("id", id)
			.param("from", from)
			.update() > 0;
	}

	/**
	 * The recipient answered the message (a spam report, an unsubscribe): it reached
	 * them, so it counts as delivered at least, and its reason says what they did.
	 */
	public void answeredByRecipient(String id, String reaction) {
		advance(id, MessageStatus.DELIVERED, null);
		jdbc.sql("""
				update message set reason = ?, updated_at = ?
				where id = ? and status in ('DELIVERED', 'OPENED', 'CLICKED')""")
			.params(truncate(reaction), at(now()), id)
			.update();
	}

	/**
	 * The provider's id of a message whose send outcome was unknown, learnt from its
	 * webhook.
	 */
	public void learnProviderMessageId(String id, String providerMessageId) {
		if (providerMessageId != null) {
			jdbc.sql("update message set provider_message_id = ? where id = ? and provider_message_id is null")
				.params(providerMessageId, id)
				.update();
		}
	}

	public Optional<MessageRecord> findByProviderMessageId(String providerMessageId) {
		return jdbc.sql("select * from message where provider_message_id = ?")
			.param(providerMessageId)
			.query(Messages::map)
			.optional();
	}

	void markSending(String id) {
		update("update message set status = 'SENDING', attempts = attempts + 1, updated_at = ? where id = ?", id);
	}

	/**
	 * The same attempt goes on after waiting for a provider's slot; false when its
	 * journey ended meanwhile (the message was skipped).
	 */
	boolean markSendingAfterWait(String id) {
		return update("update message set status = 'SENDING', reason = null, updated_at = ? where id = ?"
				+ " and status = 'RETRYING'", id) > 0;
	}

	/**
	 * The provider took the message: recorded even through a moment without a free
	 * database connection, or the message would be settled as unknown.
	 */
	void markSent(String id, String providerMessageId) {
		Instant now = now();
		DatabaseUnavailable.retryWhileUnavailable(() -> ownTransaction.executeWithoutResult(status -> jdbc.sql("""
				update message set status = 'SENT', provider_message_id = ?, reason = null, sent_at = ?, updated_at = ?
				where id = ? and status in ('SENDING', 'UNKNOWN')""")
			.params(providerMessageId, at(now), at(now), id)
			.update()), RECORD_SENT_ATTEMPTS, Duration.ofSeconds(2));
	}

	void markRetrying(String id, String error) {
		updateWithReason("update message set status = 'RETRYING', reason = ?, updated_at = ? where id = ?", error, id);
	}

	/**
	 * The journey ended while these messages waited for their moment: they will not go.
	 * In the journey's own transaction.
	 */
	void skipWaiting(String contactId, String processInstanceId) {
		// by contact first: the contact's index finds its few rows (run at every
		// journey's end)
		jdbc.sql("""
				update message set status = 'SKIPPED', reason = ?, deferred_until = null, updated_at = ?
				where contact_id = ? and process_instance_id = ? and status in ('DEFERRED', 'RETRYING', 'INCIDENT')""")
			.params(SkipReason.JOURNEY_ENDED, at(now()), contactId, processInstanceId)
			.update();
	}

	/**
	 * A step run again under a new job (ops restarted it in Cockpit, say) while an
	 * earlier attempt's message waited for quiet hours: the earlier job is gone, so that
	 * message will never be decided; it is skipped, the new attempt decides anew.
	 */
	void skipDeferredOfEarlierAttempts(SendRequest request) {
		if (request.processInstanceId() == null || request.step() == null) {
			return;
		}
		jdbc.sql("""
				update message set status = 'SKIPPED', reason = ?, deferred_until = null, updated_at = ?
				where contact_id = ? and process_instance_id = ? and step = ? and status = 'DEFERRED'
				  and idempotency_key <> ?""")
			.params(SkipReason.STEP_RESTARTED, at(now()), request.contactId(), request.processInstanceId(),
					request.step(), request.idempotencyKey())
			.update();
	}

	/** A message whose step used its last retry: waiting for ops, with the last error. */
	void markIncident(String idempotencyKey, String error) {
		ownTransaction.executeWithoutResult(tx -> jdbc.sql("""
				update message set status = 'INCIDENT', reason = ?, updated_at = ?
				where idempotency_key = ? and status = 'RETRYING'""")
			.params(truncate(error), at(now()), idempotencyKey)
			.update());
	}

	void markFailed(String id, String reason) {
		updateWithReason("update message set status = 'FAILED', reason = ?, updated_at = ? where id = ?", reason, id);
	}

	/**
	 * Settles the messages of ended journeys that no job will ever come back to,
	 * untouched since {@code quietSince}: one left SENDING by a node stopped during the
	 * provider call becomes UNKNOWN (never sent again), one left waiting for a retry is
	 * skipped. How many of each.
	 */
	int[] settleOfEndedJourneys(Instant quietSince) {
		String ofEndedJourneys = """
				updated_at < ? and process_instance_id is not null
				  and not exists (select 1 from ACT_RU_EXECUTION x where x.PROC_INST_ID_ = message.process_instance_id)""";
		Instant now = now();
		int unknown = jdbc
			.sql("update message set status = 'UNKNOWN', reason = ?, updated_at = ? where status = 'SENDING'" + " and "
					+ ofEndedJourneys)
			.params(UNKNOWN_AFTER_JOURNEY_ENDED, at(now), at(quietSince))
			.update();
		int skipped = jdbc.sql("""
				update message set status = 'SKIPPED', reason = ?, deferred_until = null, updated_at = ?
				where status in ('DEFERRED', 'RETRYING', 'INCIDENT')""" + " and " + ofEndedJourneys)
			.params(SkipReason.JOURNEY_ENDED, at(now), at(quietSince))
			.update();
		return new int[] { unknown, skipped };
	}

	/** The provider may or may not have accepted it: never resend, count it apart. */
	void markUnknown(String id, String reason) {
		updateWithReason(
				"update message set status = 'UNKNOWN', reason = ?, updated_at = ? where id = ? and status = 'SENDING'",
				reason, id);
	}

	/**
	 * The reason keeps what happened, without the address or the name a provider's error
	 * may quote (the address is taken out at the source; the provider never knew the
	 * name, but may echo what it was sent).
	 */
	private record ReasonRow(String id, String reason, String recipient) {

		String masked(ContactErased.PersonalData person) {
			String masked = ProviderException.withoutRecipient(reason, recipient);
			masked = ProviderException.withoutRecipient(masked, person.email());
			masked = ProviderException.withoutRecipient(masked, person.phone());
			return ProviderException.withoutName(masked, person.firstName());
		}

	}

	@EventListener
	void scrub(ContactErased erased) {
		jdbc.sql("select id, reason, recipient from message where contact_id = ? and reason is not null")
			.param(erased.contactId())
			.query((rs, row) -> new ReasonRow(rs.getString("id"), rs.getString("reason"), rs.getString("recipient")))
			.list()
			.forEach(row -> {
				String masked = row.masked(erased.erased());
				if (!masked.equals(row.reason())) {
					jdbc.sql("update message set reason = ? where id = ?").params(masked, row.id()).update();
				}
			});
		jdbc.sql("update message set recipient = null, subject = null, body = null where contact_id = ?")
			.param(erased.contactId())
			.update();
		// their journeys were deleted without running their end listeners
		jdbc.sql("""
				update message set status = 'SKIPPED', reason = ?, deferred_until = null, updated_at = ?
				where contact_id = ? and status in ('DEFERRED', 'RETRYING', 'INCIDENT')""")
			.params(SkipReason.CONTACT_ERASED, at(now()), erased.contactId())
			.update();
		erased.refile(jdbc, "message");
	}

	private MessageRecord insert(SendRequest request, String provider, MessageStatus status, String reason,
			Recipient to, Instant deferredUntil) {
		Instant now = now();
		String id = UUID.randomUUID().toString();
		gateTransaction.executeWithoutResult(tx -> jdbc
			.sql("""
					insert into message (id, idempotency_key, contact_id, channel, provider, template, journey, process_instance_id,
					  step, variant, category, status, reason, recipient, subject, body, deferred_until, attempts, created_at,
					  updated_at)
					values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)""")
			.params(id, request.idempotencyKey(), request.contactId(), request.channel().value(), provider,
					request.template(), request.journey(), request.processInstanceId(), request.step(),
					request.variant(), request.category().name(), status.name(), truncate(reason),
					to == null ? null : to.address(), to == null ? null : to.content().subject(),
					to == null ? null : to.content().body(), at(deferredUntil), at(now), at(now))
			.update());
		return find(id).orElseThrow();
	}

	/** A test run's simulated moment on its thread, else the clock's. */
	private Instant now() {
		return SimulatedNow.of(clock);
	}

	private record Recipient(String address, RenderedMessage content) {
	}

	private int update(String sql, String id) {
		return ownTransaction.execute(tx -> jdbc.sql(sql).params(at(now()), id).update());
	}

	private void updateWithReason(String sql, String reason, String id) {
		ownTransaction.executeWithoutResult(tx -> jdbc.sql(sql).params(truncate(reason), at(now()), id).update());
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
				instant(rs, "sent_at"), MessageCategory.valueOf(rs.getString("category")),
				instant(rs, "deferred_until"));
	}

}
