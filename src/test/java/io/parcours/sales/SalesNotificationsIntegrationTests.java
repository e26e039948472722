package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ParcoursTest
@ExtendWith(OutputCaptureExtension.class)
class SalesNotificationsIntegrationTests {

	@Autowired
	SalesNotifications notifications;

	/** A lead routed to a group nobody is in waits unseen: ops read why in the log. */
	@Test
	void aHandOffToAGroupWithoutUsersSaysSoInTheLog(CapturedOutput output) {
		String lead = TestContacts.newId("lead");
		String group = TestContacts.newId("empty-group");

		int notified = notifications.notify(TestContacts.newId("key"), lead, SalesNotifications.HOT_LEAD, null, group,
				"task-1", Map.of());

		assertThat(notified).isZero();
		assertThat(output.getOut()).contains("Nobody to notify of lead " + lead, "group " + group,
				"has no user in Camunda Admin");
	}

}
