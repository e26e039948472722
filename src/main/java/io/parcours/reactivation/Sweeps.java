package io.parcours.reactivation;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.parcours.config.InsertOnce;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reactivation_sweep} table: one row per sweep, its cursor and figures. The
 * {@code running_slot} column is unique: only one sweep holds it at a time.
 */
@Repository
class Sweeps {

	static final String RUNNING = "running";

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Sweeps(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	/** Opens the sweep; false when another sweep holds the running slot. */
	boolean open(String id, Instant now, Instant dormantBefore, Instant reentryAfter, int pageSize, int found) {
		return insertOnce.insert(() -> jdbc
			.sql("""
					insert into reactivation_sweep (id, opened_at, dormant_before, reentry_after, page_size, found, running_slot)
					values (?, ?, ?, ?, ?, ?, ?)""")
			.params(id, at(now), at(dormantBefore), at(reentryAfter), pageSize, found, RUNNING)
			.update());
	}

	/** The sweep holding the running slot, if any. */
	Optional<String> runningSweep() {
		return jdbc.sql("select id from reactivation_sweep where running_slot = ?")
			.param(RUNNING)
			.query(String.class)
			.optional();
	}

	/**
	 * Locks the sweep's row until the transaction ends: two runs of one page (a job that
	 * outlived its lock and runs on two nodes) take turns, the second one starting from
	 * the cursor the first committed.
	 */
	Optional<Sweep> lock(String id) {
		return jdbc.sql("select * from reactivation_sweep where id = ? for update")
			.param(id)
			.query(Sweeps::map)
			.optional();
	}

	Optional<Sweep> find(String id) {
		return jdbc.sql("select * from reactivation_sweep where id = ?").param(id).query(Sweeps::map).optional();
	}

	/** The last sending slot handed out by the other sweeps; null when none. */
	Instant lastSlotOfOthers(String sweepId) {
		List<Instant> last = jdbc.sql("select max(next_send_at) last_slot from reactivation_sweep where id <> ?")
			.param(sweepId)
			.query((rs, row) -> instant(rs, "last_slot"))
			.list();
		return last.isEmpty() ? null : last.get(0);
	}

	List<Sweep> latest(int limit) {
		return jdbc.sql("select * from reactivation_sweep order by opened_at desc, id limit ?")
			.param(limit)
			.query(Sweeps::map)
			.list();
	}

	/**
	 * A page enrolled: contacts that became dormant since the sweep counted them (an
	 * import of old orders meanwhile) are enrolled too, and counted as found. A read that
	 * enrolled nobody (the customers after the cursor already in their journeys) moves
	 * the cursor without counting a page.
	 */
	void advance(String id, String cursor, int enrolled, Instant nextSendAt) {
		jdbc.sql("""
				update reactivation_sweep
				set cursor_contact_id = ?, enrolled = enrolled + ?, pages = pages + ?, next_send_at = ?,
				  found = greatest(found, enrolled + ?)
				where id = ?""").params(cursor, enrolled, enrolled > 0 ? 1 : 0, at(nextSendAt), enrolled, id).update();
	}

	/** Ends the sweep and frees the running slot for the next one. */
	void finish(String id, Instant now) {
		jdbc.sql("update reactivation_sweep set finished_at = ?, running_slot = null where id = ?")
			.params(at(now), id)
			.update();
	}

	private static Sweep map(ResultSet rs, int row) throws SQLException {
		return new Sweep(rs.getString("id"), instant(rs, "opened_at"), instant(rs, "dormant_before"),
				instant(rs, "reentry_after"), rs.getInt("page_size"), rs.getString("cursor_contact_id"),
				instant(rs, "next_send_at"), rs.getInt("found"), rs.getInt("enrolled"), rs.getInt("pages"),
				instant(rs, "finished_at"));
	}

}
