package io.parcours.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.contact.Channel;
import io.parcours.journey.TestRunContacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The message listing and counts ops read leave out test runs' messages, even while a run
 * lasts (its cleanup removes them when it ends).
 */
@ParcoursTest
class MessagesIntegrationTests {

	@Autowired
	Messages messages;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aTestRunsMessagesAreNeitherListedNorCounted() {
		String journey = TestContacts.newId("journey");
		int skippedBefore = messages.countByStatus().getOrDefault(MessageStatus.SKIPPED, 0);

		var gate = new TransactionTemplate(transactions);
		MessageRecord real = gate
			.execute(tx -> messages.insertSkipped(request(TestContacts.newId("c"), journey), "no-consent"));
		String testRunContact = TestRunContacts.PREFIX + TestContacts.newId("c");
		gate.execute(tx -> messages.insertSkipped(request(testRunContact, journey), "no-consent"));
		try {
			assertThat(messages.search(journey, null, null, 100, 0)).extracting(MessageRecord::id)
				.containsExactly(real.id());
			assertThat(messages.countByStatus()).containsEntry(MessageStatus.SKIPPED, skippedBefore + 1);
		}
		finally {
			// as the test run's cleanup does
			jdbc.sql("delete from message where contact_id = ?").param(testRunContact).update();
		}
	}

	/** A retry quiet hours held back is an attempt like any other. */
	@Test
	void aRetryDeferredByQuietHoursCountsAsAnAttempt() {
		var gate = new TransactionTemplate(transactions);
		RenderedMessage content = new RenderedMessage(null, "Hello");
		MessageRecord message = gate
			.execute(tx -> messages.insertSending(request(TestContacts.newId("c"), TestContacts.newId("journey")),
					"twilio", "+33612345678", content));
		messages.markRetrying(message.id(), "Twilio answered 500");
		var night = PolicyDecision.defer(ZonedDateTime.now(ZoneOffset.UTC).plusHours(8));

		gate.executeWithoutResult(tx -> messages.decideDeferred(message.id(), night));
		gate.executeWithoutResult(tx -> messages.decideDeferred(message.id(), night));
		gate.executeWithoutResult(tx -> messages.decideSending(message.id(), "twilio", "+33612345678", content));

		assertThat(messages.find(message.id()).orElseThrow().attempts()).isEqualTo(2);
	}

	/**
	 * Messages written while ops page through the listing neither repeat nor go missing.
	 */
	@Test
	void pagingFromTheLastMessageOfAPageNeitherRepeatsNorSkipsWhileMessagesAreAdded() {
		String journey = TestContacts.newId("journey");
		var gate = new TransactionTemplate(transactions);
		List<String> written = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			written
				.add(gate.execute(tx -> messages.insertSkipped(request(TestContacts.newId("c"), journey), "no-consent"))
					.id());
		}

		List<MessageRecord> first = messages.search(journey, null, null, 2, 0);
		gate.execute(tx -> messages.insertSkipped(request(TestContacts.newId("c"), journey), "no-consent"));
		List<MessageRecord> second = messages.search(journey, null, first.get(1), 2, 0);
		List<MessageRecord> third = messages.search(journey, null, second.get(1), 2, 0);

		List<String> paged = new ArrayList<>();
		List.of(first, second, third).forEach(page -> page.forEach(message -> paged.add(message.id())));
		assertThat(paged).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
		Collections.reverse(written);
		assertThat(paged).as("latest first").containsExactlyElementsOf(written);
	}

	private static SendRequest request(String contactId, String journey) {
		return new SendRequest(journey + "/" + contactId, contactId, Channel.EMAIL, "welcome", journey, null,
				"Task_Send", null, Map.of(), MessageCategory.MARKETING);
	}

}
