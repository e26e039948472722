package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.parcours.scoring.ScoreChange;

import org.junit.jupiter.api.Test;

class LeadCardTests {

	/** Tasklist tells its own time zone below the form: the card tells its own. */
	@Test
	void recentActivitiesSayTheirTimeZone() {
		var demo = new ScoreChange(ScoreChange.Kind.ACTIVITY, "demo_requested", 40, 40,
				Instant.parse("2026-11-24T22:51:53Z"));

		assertThat(LeadCard.recentActivities(List.of(demo), ZoneId.of("Europe/Paris")))
			.isEqualTo("- 2026-11-24 23:51 CET demo requested +40");
	}

}
