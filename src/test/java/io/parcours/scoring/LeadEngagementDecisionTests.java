package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;

import io.parcours.ParcoursTest;
import io.parcours.event.LeadActivity.Activity;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of bpmn/lead-engagement.dmn, through the deployed decision. */
@ParcoursTest
class LeadEngagementDecisionTests {

	@Autowired
	LeadDecisions decisions;

	@ParameterizedTest(name = "{0}: {1} points")
	@CsvSource(textBlock = """
			page_viewed,        2
			email_opened,       1
			email_clicked,      5
			content_downloaded, 10
			pricing_viewed,     15
			webinar_attended,   20
			demo_requested,     40
			""")
	void givesEachActivityItsPoints(String activity, int points) {
		assertThat(decisions.engagementPoints(activity)).isEqualTo(points);
	}

	@Test
	void everyActivityTheEventsAcceptHasARule() {
		Arrays.stream(Activity.values())
			.forEach(activity -> assertThat(decisions.engagementPoints(activity.value())).as(activity.value())
				.isPositive());
	}

	@Test
	void anActivityWithoutRuleIsWorthNothing() {
		assertThat(decisions.engagementPoints("coffee_drunk")).isZero();
	}

}
