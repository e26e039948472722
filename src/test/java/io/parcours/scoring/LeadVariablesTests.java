package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import io.parcours.event.LeadCreated;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LeadVariablesTests {

	@ParameterizedTest(name = "\"{0}\"")
	@CsvSource(nullValues = "null", textBlock = """
			''
			'   '
			null
			""")
	void aBlankIndustryJobTitleOrSourceIsNone(String blank) {
		LeadCreated lead = new LeadCreated("Acme", blank, 20, blank, "FR", blank);

		assertThat(LeadVariables.ofLead(lead)).containsEntry(LeadVariables.INDUSTRY, null)
			.containsEntry(LeadVariables.JOB_TITLE, null)
			.containsEntry(LeadVariables.SOURCE, null)
			.containsEntry(LeadVariables.COMPANY, "Acme");
	}

	@Test
	void givenTextsAreKeptWithoutSurroundingSpaces() {
		LeadCreated lead = new LeadCreated("Acme", " Owner ", 20, "IT Services ", "FR", "webinar");

		assertThat(LeadVariables.ofLead(lead)).containsEntry(LeadVariables.INDUSTRY, "IT Services")
			.containsEntry(LeadVariables.JOB_TITLE, "Owner")
			.containsEntry(LeadVariables.SOURCE, "webinar");
	}

}
