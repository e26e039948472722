package io.parcours.testrun;

import static io.parcours.config.Sql.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;
import io.parcours.journey.TestRunContacts;

import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A node stopped during a test run leaves its test contact, a copy of a real person
 * perhaps, and its journey: closed and removed once no run can still be going on, and at
 * once when the person copied is erased.
 */
@ParcoursTest
class LeftoverTestRunsIntegrationTests {

	@Autowired
	LeftoverTestRuns leftovers;

	@Autowired
	ContactService contacts;

	@Autowired
	RuntimeService runtime;

	@Autowired
	Journeys journeys;

	@Autowired
	TestRunCleanup cleanup;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	Clock clock;

	@Test
	void aRunLeftRunningByAStoppedNodeIsClosedAndItsCopyOfThePersonRemoved() {
		String abandoned = leftRunning(null, LeftoverTestRuns.LONGEST_RUN.plusMinutes(1));
		String recent = leftRunning(null, Duration.ofMinutes(1));

		leftovers.removeLeftovers();

		assertGone(abandoned);
		assertThat(statusOf(abandoned)).isEqualTo("error");
		assertThat(contacts.find(recent)).as("a run that may still be going on").isPresent();
		assertThat(statusOf(recent)).isEqualTo("running");
		cleanup.remove(recent);
		jdbc.sql("delete from test_run where contact_id = ?").param(recent).update();
	}

	@Test
	void erasingThePersonCopiedRemovesTheTestContactLeftBehind() {
		String person = TestContacts.newId("c");
		contacts.replace(person, details(), "test");
		String copy = leftRunning(person, Duration.ofMinutes(1));

		contacts.erase(person);

		assertGone(copy);
		assertThat(jdbc.sql("select count(*) from test_run where copied_from = ?")
			.param(person)
			.query(Long.class)
			.single()).isZero();
	}

	/** What a run leaves when its node is killed: its row, its contact, its journey. */
	private String leftRunning(String copiedFrom, Duration ago) {
		String id = UUID.randomUUID().toString();
		String contactId = TestRunContacts.PREFIX + id.substring(0, 8);
		contacts.replace(contactId, details(), "test-run");
		journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contactId, Variables.createVariables());
		jdbc.sql("""
				insert into test_run (id, journey, contact_id, copied_from, requested_by, status, created_at)
				values (?, 'welcome', ?, ?, 'mia', 'running', ?)""")
			.params(id, contactId, copiedFrom, at(clock.instant().minus(ago)))
			.update();
		return contactId;
	}

	private void assertGone(String contactId) {
		assertThat(contacts.find(contactId)).isEmpty();
		assertThat(runtime.createProcessInstanceQuery().processInstanceBusinessKey(contactId).count()).isZero();
		assertThat(jdbc.sql("select count(*) from message where contact_id = ?")
			.param(contactId)
			.query(Long.class)
			.single()).isZero();
	}

	private String statusOf(String contactId) {
		return jdbc.sql("select status from test_run where contact_id = ?")
			.param(contactId)
			.query(String.class)
			.single();
	}

	private static ContactDetails details() {
		return new ContactDetails("victim@example.com", "+33622222222", "Victimname", "en", "Europe/Paris",
				Map.of(Channel.EMAIL, true));
	}

}
