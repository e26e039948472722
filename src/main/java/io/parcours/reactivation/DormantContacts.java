package io.parcours.reactivation;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.parcours.journey.ProcessKeys;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The dormant contacts, read in pages in contact id order (keyset pagination: each page
 * starts after the last id of the one before, so a page costs the same at the start and
 * at the end of a large base, and no page needs the others in memory).
 * <p>
 * Dormant: a last order older than the cut-off, consent on at least one channel the
 * contact has an address on, no running {@code reactivation} journey, and no reactivation
 * that ended reactivated or lapsed inside the re-entry window. "Running" is read from the
 * engine's own runtime tables (Camunda's documented schema, indexed by business key), so
 * an instance started any other way counts too.
 * <p>
 * A page is read in steps: the candidates by order date and consent, walking the contact
 * key, then the exclusions looked up for those ids only, the running journeys by business
 * key alone. With the exclusions as anti-joins, or joined to the process definition,
 * PostgreSQL (whose statistics lag behind a sweep adding thousands of journeys) and H2
 * both chose to scan every running journey for every page.
 */
@Repository
class DormantContacts {

	private static final String CANDIDATES = """
			from contact c
			where c.last_order_at < :dormantBefore
			  and exists (select 1 from contact_consent k where k.contact_id = c.id and k.granted = true
			              and (k.channel = 'email' and c.email is not null or k.channel = 'sms' and c.phone is not null))
			""";

	private static final Set<String> ENDED_FOR_GOOD = Set.of("reactivated", "lapsed");

	/*
	 * The next two by contact id alone, the rest of the rules applied here: with one more
	 * condition the planners picked a scan (H2 turned "ended_at >=" into an index range).
	 */
	private static final String ENROLMENTS = """
			select e.contact_id, e.outcome, e.ended_at from reactivation_enrolment e where e.contact_id in (:ids)
			""";

	private static final String RUNNING_JOURNEYS = """
			select x.BUSINESS_KEY_, x.PROC_DEF_ID_ from ACT_RU_EXECUTION x
			where x.BUSINESS_KEY_ in (:ids) and x.ID_ = x.PROC_INST_ID_
			""";

	private static final String RULES = CANDIDATES + """
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

	/**
	 * Up to {@code size} dormant contacts after {@code after}, in id order, and where the
	 * next page starts.
	 */
	Page page(String after, Instant dormantBefore, Instant reentryAfter, int size) {
		List<String> dormant = new ArrayList<>(size);
		String cursor = after;
		while (true) {
			List<String> candidates = candidates(cursor, dormantBefore, size);
			Set<String> excluded = excluded(candidates, reentryAfter);
			for (String candidate : candidates) {
				if (!excluded.contains(candidate)) {
					dormant.add(candidate);
					if (dormant.size() == size) {
						return new Page(dormant, candidate, false);
					}
				}
			}
			if (candidates.size() < size) {
				return new Page(dormant, candidates.isEmpty() ? cursor : candidates.get(candidates.size() - 1), true);
			}
			cursor = candidates.get(candidates.size() - 1);
		}
	}

	private List<String> candidates(String after, Instant dormantBefore, int size) {
		return jdbc.sql("select c.id " + CANDIDATES + " and c.id > :after order by c.id limit :size")
			.param("dormantBefore", at(dormantBefore))
			.param("after", after == null ? "" : after)
			.param("size", size)
			.query(String.class)
			.list();
	}

	/**
	 * The running journeys are read before the enrolments: a journey ending between the
	 * two reads (its outcome and the end of its execution commit together) is then seen
	 * running by the first or ended by the second, never neither, so a contact that
	 * lapsed at that moment is not enrolled again inside the re-entry window.
	 */
	private Set<String> excluded(List<String> candidates, Instant reentryAfter) {
		if (candidates.isEmpty()) {
			return Set.of();
		}
		Set<String> excluded = new HashSet<>();
		Set<String> reactivationVersions = new HashSet<>(
				jdbc.sql("select ID_ from ACT_RE_PROCDEF where KEY_ = :journey")
					.param("journey", ProcessKeys.REACTIVATION)
					.query(String.class)
					.list());
		jdbc.sql(RUNNING_JOURNEYS).param("ids", candidates).query(rs -> {
			if (reactivationVersions.contains(rs.getString(2))) {
				excluded.add(rs.getString(1));
			}
		});
		jdbc.sql(ENROLMENTS).param("ids", candidates).query(rs -> {
			String outcome = rs.getString("outcome");
			Instant ended = instant(rs, "ended_at");
			if (outcome != null && ENDED_FOR_GOOD.contains(outcome) && ended != null && !ended.isBefore(reentryAfter)) {
				excluded.add(rs.getString("contact_id"));
			}
		});
		return excluded;
	}

	int count(Instant dormantBefore, Instant reentryAfter) {
		return jdbc.sql("select count(*) " + RULES)
			.param("dormantBefore", at(dormantBefore))
			.param("reentryAfter", at(reentryAfter))
			.param("journey", ProcessKeys.REACTIVATION)
			.query(Integer.class)
			.single();
	}

	/**
	 * Dormant contacts of one page; {@code cursor} is the last contact looked at, where
	 * the next page starts; {@code last} when no contact is left after it.
	 */
	record Page(List<String> dormant, String cursor, boolean last) {
	}

}
