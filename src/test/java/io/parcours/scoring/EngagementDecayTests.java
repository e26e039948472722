package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EngagementDecayTests {

	static final Instant LAST_ACTIVITY = Instant.parse("2026-11-02T09:00:00Z");

	@ParameterizedTest(name = "{0} points, {1} days later: {2}")
	@CsvSource(textBlock = """
			40, 0,  40
			40, 6,  40
			40, 7,  30
			40, 13, 30
			40, 14, 23
			40, 21, 17
			20, 21, 8
			0,  70, 0
			""")
	void losesAQuarterPerFullWeekWithoutActivity(int engagement, int days, int expected) {
		assertThat(Math.round(
				new EngagementDecay(0.25).apply(engagement, LAST_ACTIVITY, LAST_ACTIVITY.plus(Duration.ofDays(days)))))
			.isEqualTo(expected);
	}

	@ParameterizedTest(name = "at {0}")
	@CsvSource({ "2026-10-01T00:00:00Z", "2026-11-02T09:00:00Z" })
	void anEarlierMomentDecaysNothing(Instant at) {
		assertThat(new EngagementDecay(0.25).apply(40, LAST_ACTIVITY, at)).isEqualTo(40.0);
	}

	@Test
	void withCompressedTimeAWeekIsAWeekOfJourneyTime() {
		EngagementDecay demo = EngagementDecay.of(0.25, 8640);

		assertThat(demo.apply(40, LAST_ACTIVITY, LAST_ACTIVITY.plusSeconds(69))).isEqualTo(40.0);
		assertThat(demo.apply(40, LAST_ACTIVITY, LAST_ACTIVITY.plusSeconds(70))).isEqualTo(30.0);
	}

}
