package io.parcours.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcours.ParcoursTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/** Every rule of bpmn/lead-routing.dmn, through the deployed decision. */
@ParcoursTest
class LeadRoutingDecisionTests {

	@Autowired
	SalesRouting routing;

	@ParameterizedTest(name = "{0}, {1} employees: group {2}, rep {3}")
	@CsvSource(nullValues = "null", textBlock = """
			FR,   10,    sales,          sam
			BE,   999,   sales,          sam
			CH,   50,    sales,          sam
			LU,   null,  sales,          null
			FR,   1000,  sales-managers, null
			DE,   5000,  sales-managers, null
			DE,   100,   sales,          null
			US,   999,   sales,          null
			null, null,  sales,          null
			""")
	void routesByCountryAndCompanySize(String country, Integer size, String group, String rep) {
		assertThat(routing.route(country, size)).isEqualTo(new SalesOwner(group, rep));
	}

}
