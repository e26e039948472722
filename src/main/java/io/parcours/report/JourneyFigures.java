package io.parcours.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.parcours.journey.TestRunContacts;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Counts of one journey, all versions together, from the engine's history
 * ({@code ACT_HI_*}) and our tables. Test runs are left out everywhere. The engine keeps
 * history for the diagram's time to live (P180D), so figures cover that window: the
 * conversions and messages counted are those of the instances still in history, so that
 * every figure is about the same contacts. Each row is joined to its instance rather than
 * tested against a list of instances: H2 computes such a list again for every row once
 * anything was written meanwhile, which under load made one journey's figures take
 * minutes.
 */
@Repository
class JourneyFigures {

	/** Joins {@code P}, the row's instance, and leaves out test runs. */
	private static final String OF_REAL_INSTANCE = """
			join ACT_HI_PROCINST P on P.ID_ = %s
			  and (P.BUSINESS_KEY_ is null or P.BUSINESS_KEY_ not like :testRuns)""";

	private final JdbcClient jdbc;

	JourneyFigures(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Totals totals(String journey) {
		long[] instances = jdbc.sql("""
				select count(*), coalesce(sum(case when END_TIME_ is null then 1 else 0 end), 0),
				  coalesce(sum(case when STATE_ = 'COMPLETED' then 1 else 0 end), 0) from ACT_HI_PROCINST
				where PROC_DEF_KEY_ = :journey and (BUSINESS_KEY_ is null or BUSINESS_KEY_ not like :testRuns)""")
			.param("journey", journey)
			.param("testRuns", TestRunContacts.LIKE)
			.query((rs, row) -> new long[] { rs.getLong(1), rs.getLong(2), rs.getLong(3) })
			.single();
		Map<String, BigDecimal> revenue = new TreeMap<>();
		long converted = jdbc
			.sql("""
					select c.currency, count(*) conversions, sum(c.revenue) revenue from conversion c %s
					where c.journey = :journey group by c.currency"""
				.formatted(OF_REAL_INSTANCE.formatted("c.process_instance_id")))
			.param("journey", journey)
			.param("testRuns", TestRunContacts.LIKE)
			.query((rs, row) -> {
				revenue.put(rs.getString("currency"), rs.getBigDecimal("revenue"));
				return rs.getLong("conversions");
			})
			.list()
			.stream()
			.mapToLong(Long::longValue)
			.sum();
		return new Totals(instances[0], instances[1], instances[2], converted, revenue);
	}

	List<MessageCount> messages(String journey) {
		return jdbc
			.sql("""
					select m.channel, m.status, m.reason, m.step, count(*) messages from message m %s
					where m.journey = :journey
					group by m.channel, m.status, m.reason, m.step"""
				.formatted(OF_REAL_INSTANCE.formatted("m.process_instance_id")))
			.param("journey", journey)
			.param("testRuns", TestRunContacts.LIKE)
			.query((rs, row) -> new MessageCount(rs.getString("channel"), rs.getString("status").toLowerCase(),
					rs.getString("reason"), rs.getString("step"), rs.getLong("messages")))
			.list();
	}

	/**
	 * How many instances reached each activity, and how many wait there now. A contact
	 * queued before an asynchronous step (a send step's job) has reached it too, though
	 * the engine records the activity only when the job runs; so has one whose send step
	 * recorded its message before the journey ended under it (an order at that moment
	 * rolls the step back in the engine's history, not the message sent).
	 */
	List<StepCount> steps(String journey) {
		return jdbc
			.sql("""
					select ACT_ID_, max(ACT_NAME_) name, max(ACT_TYPE_) type, count(distinct PI) reached,
					  count(distinct case when WAITING = 1 then PI end) waiting
					from (
					  select a.ACT_ID_, a.ACT_NAME_, a.ACT_TYPE_, a.PROC_INST_ID_ PI,
					    case when a.END_TIME_ is null then 1 else 0 end WAITING
					  from ACT_HI_ACTINST a %s where a.PROC_DEF_KEY_ = :journey
					  union all
					  select d.ACT_ID_, null, null, j.PROCESS_INSTANCE_ID_, 1
					  from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_ %s
					  where j.PROCESS_DEF_KEY_ = :journey and d.JOB_CONFIGURATION_ = 'async-before'
					  union all
					  select m.step, null, null, m.process_instance_id, 0
					  from message m %s where m.journey = :journey
					) steps
					group by ACT_ID_""".formatted(OF_REAL_INSTANCE.formatted("a.PROC_INST_ID_"),
					OF_REAL_INSTANCE.formatted("j.PROCESS_INSTANCE_ID_"),
					OF_REAL_INSTANCE.formatted("m.process_instance_id")))
			.param("journey", journey)
			.param("testRuns", TestRunContacts.LIKE)
			.query((rs, row) -> new StepCount(rs.getString("ACT_ID_"), rs.getString("name"), rs.getString("type"),
					rs.getLong("reached"), rs.getLong("waiting")))
			.list();
	}

	/**
	 * {@code completed}: ended by their own flow; the others ended are canceled (ops
	 * cancelled them in Cockpit, the contact was erased, the journey stopped).
	 */
	record Totals(long entered, long active, long completed, long converted,
			Map<String, BigDecimal> revenueByCurrency) {

		long canceled() {
			return entered - active - completed;
		}

		/** The revenue when it is all in one currency (or none), else null. */
		BigDecimal revenueTotal() {
			if (revenueByCurrency.size() > 1) {
				return null;
			}
			return revenueByCurrency.values().stream().findFirst().orElse(BigDecimal.ZERO);
		}

	}

	record MessageCount(String channel, String status, String reason, String step, long count) {
	}

	record StepCount(String activityId, String name, String type, long reached, long waiting) {
	}

}
