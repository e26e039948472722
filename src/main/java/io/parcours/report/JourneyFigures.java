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
 * every figure is about the same contacts.
 */
@Repository
class JourneyFigures {

	private static final String REAL_INSTANCES = """
			select ID_ from ACT_HI_PROCINST
			where PROC_DEF_KEY_ = :journey and (BUSINESS_KEY_ is null or BUSINESS_KEY_ not like :testRuns)""";

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
		long converted = jdbc.sql("""
				select currency, count(*) conversions, sum(revenue) revenue from conversion
				where journey = :journey and process_instance_id in (%s) group by currency""".formatted(REAL_INSTANCES))
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
		return jdbc.sql("""
				select channel, status, reason, step, count(*) messages from message
				where journey = :journey and process_instance_id in (%s)
				group by channel, status, reason, step""".formatted(REAL_INSTANCES))
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
					  select ACT_ID_, ACT_NAME_, ACT_TYPE_, PROC_INST_ID_ PI, case when END_TIME_ is null then 1 else 0 end WAITING
					  from ACT_HI_ACTINST where PROC_DEF_KEY_ = :journey and PROC_INST_ID_ in (%1$s)
					  union all
					  select d.ACT_ID_, null, null, j.PROCESS_INSTANCE_ID_, 1
					  from ACT_RU_JOB j join ACT_RU_JOBDEF d on d.ID_ = j.JOB_DEF_ID_
					  where j.PROCESS_DEF_KEY_ = :journey and d.JOB_CONFIGURATION_ = 'async-before'
					    and j.PROCESS_INSTANCE_ID_ in (%1$s)
					  union all
					  select step, null, null, process_instance_id, 0
					  from message where journey = :journey and process_instance_id in (%1$s)
					) steps
					group by ACT_ID_"""
				.formatted(REAL_INSTANCES))
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
