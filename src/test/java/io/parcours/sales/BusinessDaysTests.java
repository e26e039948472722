package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BusinessDaysTests {

	static final ZoneId PARIS = ZoneId.of("Europe/Paris");

	@ParameterizedTest(name = "{0} + {1} business days = {2}")
	@CsvSource(textBlock = """
			2026-11-23T10:00:00Z, 1, 2026-11-24T10:00:00Z
			2026-11-26T10:00:00Z, 1, 2026-11-27T10:00:00Z
			2026-11-27T15:00:00Z, 1, 2026-11-30T15:00:00Z
			2026-11-27T15:00:00Z, 2, 2026-12-01T15:00:00Z
			2026-11-28T10:00:00Z, 1, 2026-11-30T23:00:00Z
			2026-11-29T22:30:00Z, 1, 2026-11-30T23:00:00Z
			2026-11-23T10:00:00Z, 5, 2026-11-30T10:00:00Z
			""")
	void skipWeekends(Instant from, int days, Instant due) {
		assertThat(BusinessDays.after(from, days, PARIS)).isEqualTo(due);
	}

}
