package io.parcours.scoring;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import io.parcours.config.InsertOnce;
import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code lead_score} table and its history, {@code lead_score_change}. */
@Repository
class LeadScores {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	LeadScores(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	Optional<LeadScore> find(String contactId) {
		return jdbc.sql("select * from lead_score where contact_id = ?").param(contactId).query(this::map).optional();
	}

	/**
	 * The score locked until the transaction ends, created empty if the lead has none.
	 */
	LeadScore lock(String contactId, Instant now) {
		insertOnce.insert(() -> jdbc.sql("""
				insert into lead_score (contact_id, fit, fit_breakdown, engagement, engagement_since, updated_at)
				values (?, 0, '', 0, ?, ?)""").params(contactId, at(now), at(now)).update());
		return jdbc.sql("select * from lead_score where contact_id = ? for update")
			.param(contactId)
			.query(this::map)
			.single();
	}

	/**
	 * A new lead of the contact, created at {@code createdAt}: a demo requested before it
	 * belonged to an earlier lead, one requested since (even if reported first) to this
	 * one, unless sales decided on the lead after it (the request was answered).
	 */
	void saveFit(String contactId, FitScore fit, Instant now, Instant createdAt) {
		jdbc.sql("""
				update lead_score set fit = ?, fit_breakdown = ?, updated_at = ?, lead_created_at = ?,
				  demo_requested = exists (select 1 from lead_score_change c where c.contact_id = lead_score.contact_id
				                             and c.kind = ? and c.activity = ? and c.occurred_at >= ?
				                             and not exists (select 1 from lead_score_change j
				                                             where j.contact_id = c.contact_id and j.kind in (?, ?, ?)
				                                               and j.occurred_at > c.occurred_at))
				where contact_id = ?""")
			.params(fit.points(), format(fit.breakdown()), at(now), at(createdAt), ScoreChange.Kind.ACTIVITY.value(),
					LeadScoring.DEMO_REQUESTED, at(createdAt), ScoreChange.Kind.RECYCLE.value(),
					ScoreChange.Kind.DISQUALIFY.value(), ScoreChange.Kind.ACCEPT.value(), contactId)
			.update();
	}

	/** When the contact's latest lead was created, if Parcours knows. */
	Optional<Instant> leadCreatedAt(String contactId) {
		return jdbc.sql("select lead_created_at from lead_score where contact_id = ? and lead_created_at is not null")
			.param(contactId)
			.query((rs, row) -> instant(rs, "lead_created_at"))
			.optional();
	}

	void saveEngagement(LeadScore score, Instant now) {
		jdbc.sql("""
				update lead_score set engagement = ?, engagement_exact = ?, engagement_since = ?, demo_requested = ?,
				  updated_at = ?
				where contact_id = ?""")
			.params(score.engagement(), score.exactEngagement(), at(score.engagementSince()), score.demoRequested(),
					at(now), score.contactId())
			.update();
	}

	boolean changeRecorded(String sourceKey) {
		return jdbc.sql("select count(*) from lead_score_change where source_key = ?")
			.param(sourceKey)
			.query(Integer.class)
			.single() > 0;
	}

	void recordChange(String contactId, String sourceKey, ScoreChange change) {
		jdbc.sql(
				"""
						insert into lead_score_change (id, source_key, contact_id, kind, activity, points, engagement_after, occurred_at)
						values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(UUID.randomUUID().toString(), sourceKey, contactId, change.kind().value(), change.activity(),
					change.points(), change.engagementAfter(), at(change.occurredAt()))
			.update();
	}

	/**
	 * When sales last decided on the lead (recycled, disqualified, accepted it), if ever.
	 */
	Optional<Instant> lastJudgedBySalesAt(String contactId) {
		return jdbc
			.sql("select max(occurred_at) judged_at from lead_score_change where contact_id = ? and kind in (?, ?, ?)")
			.params(contactId, ScoreChange.Kind.RECYCLE.value(), ScoreChange.Kind.DISQUALIFY.value(),
					ScoreChange.Kind.ACCEPT.value())
			.query((rs, row) -> instant(rs, "judged_at"))
			.optional();
	}

	/** The latest changes first. */
	List<ScoreChange> history(String contactId, int limit) {
		return jdbc.sql("""
				select * from lead_score_change where contact_id = ?
				order by occurred_at desc, case kind when 'decay' then 0 else 1 end desc limit ?""")
			.params(contactId, limit)
			.query((rs, row) -> new ScoreChange(ScoreChange.Kind.fromValue(rs.getString("kind")),
					rs.getString("activity"), rs.getInt("points"), rs.getInt("engagement_after"),
					instant(rs, "occurred_at")))
			.list();
	}

	@EventListener
	void erase(ContactErased erased) {
		jdbc.sql("delete from lead_score_change where contact_id = ?").param(erased.contactId()).update();
		jdbc.sql("delete from lead_score where contact_id = ?").param(erased.contactId()).update();
	}

	private LeadScore map(ResultSet rs, int row) throws SQLException {
		return new LeadScore(rs.getString("contact_id"), rs.getInt("fit"), parse(rs.getString("fit_breakdown")),
				rs.getDouble("engagement_exact"), instant(rs, "engagement_since"), rs.getBoolean("demo_requested"));
	}

	/**
	 * {@code company size=30;industry=20}: criteria are table labels, free of ; and =.
	 */
	static String format(Map<String, Integer> breakdown) {
		return breakdown.entrySet()
			.stream()
			.map(entry -> entry.getKey() + "=" + entry.getValue())
			.collect(Collectors.joining(";"));
	}

	static Map<String, Integer> parse(String breakdown) {
		Map<String, Integer> parsed = new LinkedHashMap<>();
		if (breakdown != null && !breakdown.isBlank()) {
			for (String entry : breakdown.split(";")) {
				int equals = entry.lastIndexOf('=');
				parsed.put(entry.substring(0, equals), Integer.parseInt(entry.substring(equals + 1)));
			}
		}
		return parsed;
	}

}
