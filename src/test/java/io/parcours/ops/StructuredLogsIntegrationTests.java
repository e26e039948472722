package io.parcours.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.parcours.ParcoursTest;
import io.parcours.TestContacts;
import io.parcours.channel.Delivery;
import io.parcours.contact.Contact;
import io.parcours.journey.Journeys;
import io.parcours.journey.MessageNames;
import io.parcours.journey.ProcessKeys;

import org.camunda.bpm.engine.ManagementService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Log lines written while a journey runs carry its contact, journey and instance, never
 * PII.
 */
@ParcoursTest
class StructuredLogsIntegrationTests {

	final ListAppender<ILoggingEvent> captured = new ListAppender<>();

	final Logger delivery = (Logger) LoggerFactory.getLogger(Delivery.class);

	@Autowired
	Journeys journeys;

	@Autowired
	ManagementService management;

	@Autowired
	TestContacts contacts;

	@BeforeEach
	void capture() {
		captured.start();
		delivery.addAppender(captured);
	}

	@AfterEach
	void release() {
		delivery.detachAppender(captured);
	}

	@Test
	void sendStepsLogWithContactJourneyAndProcessInstance() {
		Contact contact = contacts.withConsent(true, false);
		String instance = journeys.start(ProcessKeys.WELCOME, MessageNames.SIGNED_UP, contact.id(), Map.of())
			.orElseThrow();

		management.executeJob(management.createJobQuery().processInstanceId(instance).singleResult().getId());

		List<ILoggingEvent> lines = captured.list;
		assertThat(lines).isNotEmpty().allSatisfy(line -> {
			assertThat(line.getMDCPropertyMap()).containsEntry("contactId", contact.id())
				.containsEntry("journey", "welcome")
				.containsEntry("processInstanceId", instance);
			assertThat(line.getFormattedMessage()).doesNotContain(contact.email(), contact.firstName());
		});
	}

}
