package io.parcours;

import static io.parcours.config.Sql.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.parcours.journey.MessageNames;
import io.parcours.journey.VariableNames;

import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The recount used after faults (bench/kill-test.sh, bench/outage-test.sh) and by the
 * cluster test finds each kind of damage it claims to find, and calls a sound state
 * clean.
 */
@ParcoursTest
class RecountTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RuntimeService runtime;

	@Autowired
	ManagementService management;

	@Test
	void callsASoundStateClean() {
		String contact = TestContacts.newId("c");
		String event = storeEvent("PROCESSED");
		String journey = startWelcome(contact);
		String message = storeMessage(contact, journey, "Task_SendWelcomeEmail", "SENT");

		Recount recount = Recount.of(jdbc, List.of(event), List.of(contact), Map.of(message, 1L));

		assertThat(recount.clean()).as(recount.report()).isTrue();
		assertThat(recount.journeys()).isOne();
		assertThat(recount.messagesSent()).isOne();
		assertThat(recount.report()).contains("| verdict | clean |");
	}

	@Test
	void findsAnAcceptedEventThatWasNeverProcessedOrNeverStored() {
		String received = storeEvent("RECEIVED");

		Recount recount = Recount.of(jdbc, List.of(received, "never-stored"), List.of(), Map.of());

		assertThat(recount.eventsNotProcessed()).containsExactlyInAnyOrder(received, "never-stored");
		assertThat(recount.clean()).isFalse();
	}

	@Test
	void findsLostDoubledAndStuckJourneys() {
		String lost = TestContacts.newId("c");
		String doubled = TestContacts.newId("c");
		startWelcome(doubled);
		// the engine refuses a second start of a contact's journey: a race between nodes
		// is what could still make one
		String second = startWelcome(TestContacts.newId("c"));
		for (String table : List.of("ACT_RU_EXECUTION", "ACT_HI_PROCINST")) {
			jdbc.sql("update " + table + " set BUSINESS_KEY_ = ? where PROC_INST_ID_ = ?")
				.params(doubled, second)
				.update();
		}
		String stuck = TestContacts.newId("c");
		String stuckJourney = startWelcome(stuck);
		management.setJobRetries(management.createJobQuery().processInstanceId(stuckJourney).singleResult().getId(), 0);

		Recount recount = Recount.of(jdbc, List.of(), List.of(lost, doubled, stuck), Map.of());

		assertThat(recount.contactsWithoutJourney()).containsExactly(lost);
		assertThat(recount.contactsWithSeveralJourneys()).containsExactly(doubled);
		assertThat(recount.journeysStuck()).containsExactly(stuckJourney);
		assertThat(recount.incidents()).isOne();
		assertThat(recount.clean()).isFalse();
	}

	@Test
	void findsMessagesSentTwiceOrMarkedSentWithoutReachingAProvider() {
		String contact = TestContacts.newId("c");
		String journey = startWelcome(contact);
		String twice = storeMessage(contact, journey, "Task_SendWelcomeEmail", "SENT");
		String never = storeMessage(contact, journey, "Task_SendGettingStartedEmail", "SENT");
		storeMessage(contact, journey, "Task_SendGettingStartedEmail", "UNKNOWN");

		Recount recount = Recount.of(jdbc, List.of(), List.of(contact), Map.of(twice, 2L));

		assertThat(recount.messagesSentTwice()).containsExactly(twice);
		assertThat(recount.sentButNeverRequested()).containsExactly(never);
		assertThat(recount.stepsRecordedTwice()).containsExactly(journey + "/Task_SendGettingStartedEmail");
		assertThat(recount.messagesUnknown()).isOne();
		assertThat(recount.clean()).isFalse();
	}

	private String startWelcome(String contactId) {
		return runtime.createMessageCorrelation(MessageNames.SIGNED_UP)
			.processInstanceBusinessKey(contactId)
			.setVariable(VariableNames.CONTACT_ID, contactId)
			.correlateStartMessage()
			.getId();
	}

	private String storeEvent(String status) {
		String id = TestContacts.newId("e");
		jdbc.sql(
				"""
						insert into inbound_event (id, type, contact_id, occurred_at, received_at, payload, status, next_attempt_at)
						values (?, 'contact.signed_up', 'c', ?, ?, '{}', ?, ?)""")
			.params(id, at(Instant.now()), at(Instant.now()), status, at(Instant.now()))
			.update();
		return id;
	}

	private String storeMessage(String contactId, String journey, String step, String status) {
		String id = UUID.randomUUID().toString();
		jdbc.sql("""
				insert into message (id, idempotency_key, contact_id, channel, template, journey, process_instance_id,
				  step, status, attempts, created_at, updated_at)
				values (?, ?, ?, 'email', 'welcome', 'welcome', ?, ?, ?, 1, ?, ?)""")
			.params(id, id, contactId, journey, step, status, at(Instant.now()), at(Instant.now()))
			.update();
		return id;
	}

}
