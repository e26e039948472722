package io.parcours.testrun;

import static io.parcours.config.Sql.at;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code test_run} table: each run and its report, kept after its traces are gone.
 */
@Repository
class TestRuns {

	private final JdbcClient jdbc;

	private final ObjectMapper json;

	private final Clock clock;

	TestRuns(JdbcClient jdbc, ObjectMapper json, Clock clock) {
		this.jdbc = jdbc;
		this.json = json;
		this.clock = clock;
	}

	void started(String id, String journey, String contactId, String copiedFrom, String requestedBy) {
		jdbc.sql("""
				insert into test_run (id, journey, contact_id, copied_from, requested_by, status, created_at)
				values (?, ?, ?, ?, ?, 'running', ?)""")
			.params(id, journey, contactId, copiedFrom, requestedBy, at(clock.instant()))
			.update();
	}

	/** A run and its test contact. */
	record Started(String id, String contactId) {
	}

	/** The reports of runs copied from an erased person show their name: they go too. */
	void forget(String copiedFrom) {
		jdbc.sql("delete from test_run where copied_from = ?").param(copiedFrom).update();
	}

	/** The test contacts of the runs copied from a person. */
	List<String> copiedFrom(String contactId) {
		return jdbc.sql("select contact_id from test_run where copied_from = ?")
			.param(contactId)
			.query(String.class)
			.list();
	}

	List<Started> runningSince(Instant before) {
		return jdbc.sql("select id, contact_id from test_run where status = 'running' and created_at < ?")
			.param(at(before))
			.query((row, n) -> new Started(row.getString("id"), row.getString("contact_id")))
			.list();
	}

	/**
	 * Closes a run left running; false when it ended, or another node closed it,
	 * meanwhile.
	 */
	boolean abandon(String id) {
		return jdbc.sql("update test_run set status = 'error', finished_at = ? where id = ? and status = 'running'")
			.params(at(clock.instant()), id)
			.update() == 1;
	}

	void finished(TestRunReport report) {
		jdbc.sql("update test_run set status = ?, report = ?, finished_at = ? where id = ?")
			.params(report.status(), write(report), at(clock.instant()), report.id())
			.update();
	}

	/**
	 * The request was refused once the journey's own variables were known: no run at all.
	 */
	void discard(String id) {
		jdbc.sql("delete from test_run where id = ?").param(id).update();
	}

	/** The run could not finish: no report, it is no longer running. */
	void broke(String id) {
		jdbc.sql("update test_run set status = 'error', finished_at = ? where id = ?")
			.params(at(clock.instant()), id)
			.update();
	}

	Optional<TestRunReport> find(String journey, String id) {
		return jdbc.sql("select report from test_run where id = ? and journey = ? and report is not null")
			.params(id, journey)
			.query(String.class)
			.optional()
			.map(this::read);
	}

	private String write(TestRunReport report) {
		try {
			return json.writeValueAsString(report);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Test run report cannot be written", e);
		}
	}

	private TestRunReport read(String report) {
		try {
			return json.readValue(report, TestRunReport.class);
		}
		catch (JsonProcessingException e) {
			throw new IllegalStateException("Test run report cannot be read", e);
		}
	}

}
