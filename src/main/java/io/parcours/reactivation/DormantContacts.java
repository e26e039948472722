package io.parcours.reactivation;

import static io.parcours.config.Sql.at;

import java.time.Instant;
import java.util.List;

import io.parcours.journey.ProcessKeys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dormant contacts, read in pages in contact id order (keyset pagination: each page
 * starts after the last id of the one before, so a page costs the same at the start and
 * at the end of a large base, and no page needs the others in memory).
 * <p>
 * Dormant: a last order older than the cut-off, consent on at least one channel, no
 * running {@code reactivation} journey, and no reactivation that ended reactivated or
 * lapsed inside the re-entry window. "Running" is read from the engine's own runtime
 * tables (Camunda's documented schema, indexed by business key), so an instance started
 * any other way counts too.
 */
@Repository
class DormantContacts {

	private static final String RULES = """
			from contact c
			where c.last_order_at < :dormantBefore
			  and exists (select 1 from contact_consent k where k.contact_id = c.id and k.granted = true)
			  and not exists (select 1 from reactivation_enrolment e
			                  where e.contact_id = c.id and e.outcome in ('reactivated', 'lapsed')
			                    and e.ended_at >= :reentryAfter)
			  and not exists (select 1 from ACT_RU_EXECUTION x join ACT_RE_PROCDEF d on d.ID_ = x.PROC_DEF_ID_
			                  where x.BUSINESS_KEY_ = c.id and x.ID_ = x.PROC_INST_ID_ and d.KEY_ = :journey)
			""";

	private final JdbcClient jdbc;

	DormantContacts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Up to {@code size} dormant contact ids greater than {@code after}, in id order. */
	List<String> page(String after, Instant dormantBefore, Instant reentryAfter, int size) {
		return jdbc.sql("select c.id " + RULES + " and c.id > :after order by c.id limit :size")
			.param("dormantBefore", at(dormantBefore))
			.param("reentryAfter", at(reentryAfter))
			.param("journey", ProcessKeys.REACTIVATION)
			.param("after", after == null ? "" : after)
			.param("size", size)
			.query(String.class)
			.list();
	}

	int count(Instant dormantBefore, Instant reentryAfter) {
		return jdbc.sql("select count(*) " + RULES)
			.param("dormantBefore", at(dormantBefore))
			.param("reentryAfter", at(reentryAfter))
			.param("journey", ProcessKeys.REACTIVATION)
			.query(Integer.class)
			.single();
	}

}
