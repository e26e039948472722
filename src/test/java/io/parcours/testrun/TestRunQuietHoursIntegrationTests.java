package io.parcours.testrun;

import static io.parcours.testrun.TestRunCalls.texts;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;

/**
 * A test contact whose quiet hours it is right now (a time zone chosen so that it is
 * 23:00 there) sees its marketing email wait for its morning in simulated time, as a real
 * contact would, instead of the run failing on the deferral.
 */
@ParcoursTest
@TestPropertySource(properties = { "parcours.delivery.quiet-hours.email.enabled=true",
		"parcours.delivery.quiet-hours.email.start=21:00", "parcours.delivery.quiet-hours.email.end=08:00" })
class TestRunQuietHoursIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	ObjectMapper json;

	@Test
	void aMessageDueInTheTestContactsNightGoesInItsSimulatedMorning() throws Exception {
		String lateEvening = zoneWhereItIs(LocalTime.of(23, 0));
		JsonNode report = run("welcome", """
				{ "contact": { "email": "night@example.com", "firstName": "Nox", "locale": "en",
				               "timeZone": "%s", "consents": { "email": true } },
				  "events": [] }""".formatted(lateEvening));

		assertThat(report.path("status").asText()).as(report.toString()).isEqualTo("completed");
		assertThat(texts(report.path("timeline"), "kind")).contains("deferred");
		report.path("timeline")
			.forEach(entry -> assertThat(!entry.path("kind").asText().equals("deferred")
					|| entry.path("name").asText().equals("Send welcome email"))
				.as("a deferral shows its step's name: " + entry)
				.isTrue());
		assertThat(texts(report.path("timeline"), "detail")).anyMatch(detail -> detail.contains("(quiet hours)"));
		JsonNode welcome = report.path("messages").get(0);
		assertThat(welcome.path("template").asText()).isEqualTo("welcome");
		assertThat(welcome.path("status").asText()).isEqualTo("sent");
		// from about 23:00 to 08:00 the next day, in simulated time
		assertThat(Duration.parse(welcome.path("at").asText())).isBetween(Duration.ofHours(8), Duration.ofHours(10));
		assertThat(texts(report.path("messages"), "at")).allMatch(at -> at.matches("PT(\\d+H)?(\\d+M)?(\\d+S)?|PT0S"))
			.as("to the second");
		assertThat(texts(report.path("timeline"), "at")).allMatch(at -> !at.contains("."));
	}

	/**
	 * A region of the time zone database (contacts have no fixed offsets) whose local
	 * time is now within the hour of {@code time}.
	 */
	private static String zoneWhereItIs(LocalTime time) {
		Instant now = Instant.now();
		return ZoneId.getAvailableZoneIds()
			.stream()
			.filter(zone -> zone.contains("/") && !zone.startsWith("Etc/") && !zone.startsWith("SystemV/"))
			.sorted()
			.filter(zone -> now.atZone(ZoneId.of(zone)).getHour() == time.getHour())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no region where it is now " + time.getHour() + " h"));
	}

	private JsonNode run(String journey, String request) throws Exception {
		return TestRunCalls.run(mvc, json, journey, request);
	}

}
