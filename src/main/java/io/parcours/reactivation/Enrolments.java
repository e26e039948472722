package io.parcours.reactivation;

import static io.parcours.config.Sql.at;

import java.time.Instant;
import java.util.List;

import io.parcours.contact.ContactErased;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code reactivation_enrolment} table: who each sweep enrolled, and how their
 * journey ended. Its primary key (sweep, contact) refuses a second enrolment of a contact
 * by the same sweep: the page's transaction fails and nothing of it is kept.
 */
@Repository
class Enrolments {

	static final String BY_HAND = "by-hand:";

	private final JdbcClient jdbc;

	private final JdbcTemplate batch;

	Enrolments(JdbcClient jdbc, JdbcTemplate batch) {
		this.jdbc = jdbc;
		this.batch = batch;
	}

	void insertAll(String sweepId, List<Enrolled> enrolled, Instant now) {
		batch.batchUpdate("""
				insert into reactivation_enrolment (sweep_id, contact_id, process_instance_id, enrolled_at)
				values (?, ?, ?, ?)""", enrolled, enrolled.size(), (statement, one) -> {
			statement.setString(1, sweepId);
			statement.setString(2, one.contactId());
			statement.setString(3, one.processInstanceId());
			statement.setObject(4, at(now));
		});
	}

	/**
	 * A journey started by hand, outside any sweep: a row of its own ({@code by-hand:}
	 * and its instance in place of the sweep), so that how it ends counts as a sweep's.
	 */
	void insertHandStarted(String contactId, String processInstanceId, Instant now) {
		jdbc.sql("""
				insert into reactivation_enrolment (sweep_id, contact_id, process_instance_id, enrolled_at)
				values (?, ?, ?, ?)""")
			.params(BY_HAND + processInstanceId, contactId, processInstanceId, at(now))
			.update();
	}

	/** Records how the journey ended. */
	void ended(String processInstanceId, String outcome, Instant at) {
		jdbc.sql("update reactivation_enrolment set ended_at = ?, outcome = ? where process_instance_id = ?")
			.params(at(at), outcome, processInstanceId)
			.update();
	}

	/** A contact a sweep enrolled, and the journey instance it started. */
	record Enrolled(String contactId, String processInstanceId) {
	}

	/** Kept for the figures, no longer under the shop's id ({@link ContactErased}). */
	@EventListener
	void refile(ContactErased erased) {
		erased.refile(jdbc, "reactivation_enrolment");
	}

}
