package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

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
		assertThat(new BusinessDays(PARIS, Set.of()).after(from, days)).isEqualTo(due);
	}

	@ParameterizedTest(name = "{0} + {1} business days = {2} (Christmas and New Year off)")
	@CsvSource(textBlock = """
			2026-12-24T10:00:00Z, 1, 2026-12-28T10:00:00Z
			2026-12-31T10:00:00Z, 1, 2027-01-04T10:00:00Z
			2026-12-25T10:00:00Z, 1, 2026-12-28T23:00:00Z
			2026-12-23T10:00:00Z, 3, 2026-12-29T10:00:00Z
			2026-12-22T10:00:00Z, 1, 2026-12-23T10:00:00Z
			""")
	void skipHolidays(Instant from, int days, Instant due) {
		BusinessDays withHolidays = new BusinessDays(PARIS,
				Set.of(LocalDate.parse("2026-12-25"), LocalDate.parse("2027-01-01")));

		assertThat(withHolidays.after(from, days)).isEqualTo(due);
	}

	@Test
	void holidaysAreReadFromTheSettings() {
		new ApplicationContextRunner().withUserConfiguration(WithSalesProperties.class)
			.withPropertyValues("parcours.sales.holidays=2026-12-25,2027-01-01")
			.run(context -> assertThat(context.getBean(SalesProperties.class)
				.businessDays()
				.after(Instant.parse("2026-12-24T10:00:00Z"), 1)).isEqualTo(Instant.parse("2026-12-28T10:00:00Z")));
	}

	@Test
	void noHolidaysByDefault() {
		new ApplicationContextRunner().withUserConfiguration(WithSalesProperties.class)
			.withPropertyValues("parcours.sales.holidays=")
			.run(context -> assertThat(context.getBean(SalesProperties.class).holidays()).isEmpty());
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(SalesProperties.class)
	static class WithSalesProperties {

	}

}
