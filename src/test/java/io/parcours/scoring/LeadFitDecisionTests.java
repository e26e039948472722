package io.parcours.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.parcours.ParcoursTest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Every rule of bpmn/lead-fit.dmn (and its required decision lead-seniority), through the
 * deployed decisions.
 */
@ParcoursTest
class LeadFitDecisionTests {

	@Autowired
	LeadDecisions decisions;

	@ParameterizedTest(name = "\"{0}\" is {1}")
	@CsvSource(nullValues = "null", textBlock = """
			CEO,                          executive
			Chief Marketing Officer,      executive
			VP Sales,                     executive
			Co-founder & CTO,             executive
			PDG,                          executive
			Director of Operations,       director
			Head of Growth,               director
			Directrice marketing,         director
			Marketing Manager,            manager
			Team Lead,                    manager
			Responsable digital,          manager
			Marketing assistant,          individual
			Vice-versa analyst,           individual
			'',                           individual
			null,                         individual
			""")
	void readsTheSeniorityFromTheJobTitle(String jobTitle, String seniority) {
		assertThat(decisions.fit(new LeadProfile(jobTitle, null, null, null)).seniority()).isEqualTo(seniority);
	}

	@ParameterizedTest(name = "{0} employees: {1} points")
	@CsvSource(nullValues = "null", textBlock = """
			5000, 30
			1000, 30
			999,  25
			200,  25
			199,  15
			50,   15
			49,   5
			10,   5
			9,    0
			null, 0
			""")
	void scoresTheCompanySize(Integer size, int points) {
		assertThat(criterion(new LeadProfile(null, size, null, null), "company size")).isEqualTo(points);
	}

	@ParameterizedTest(name = "{0}: {1} points")
	@CsvSource(nullValues = "null", textBlock = """
			Software,      20
			SaaS,          20
			technology,    20
			IT services,   20
			Finance,       15
			Banking,       15
			Insurance,     15
			Manufacturing, 10
			Retail,        10
			Logistics,     10
			Agriculture,   0
			null,          0
			""")
	void scoresTheIndustryWhateverItsCase(String industry, int points) {
		assertThat(criterion(new LeadProfile(null, null, industry, null), "industry")).isEqualTo(points);
	}

	@ParameterizedTest(name = "{0}: {1} points")
	@CsvSource(textBlock = """
			CEO,               20
			Head of Sales,     15
			Product Manager,   10
			Developer,         0
			""")
	void scoresTheSeniority(String jobTitle, int points) {
		assertThat(criterion(new LeadProfile(jobTitle, null, null, null), "seniority")).isEqualTo(points);
	}

	@ParameterizedTest(name = "{0}: {1} points")
	@CsvSource(nullValues = "null", textBlock = """
			FR, 15
			BE, 15
			CH, 15
			LU, 15
			DE, 10
			AT, 10
			NL, 10
			ES, 10
			IT, 10
			PT, 10
			IE, 10
			SE, 10
			DK, 10
			FI, 10
			NO, 10
			PL, 10
			GB, 5
			US, 5
			CA, 5
			JP, 0
			null, 0
			""")
	void scoresTheCountry(String country, int points) {
		assertThat(criterion(new LeadProfile(null, null, null, country), "country")).isEqualTo(points);
	}

	@org.junit.jupiter.api.Test
	void addsThePointsOfEveryCriterionIntoTheFitAndItsBreakdown() {
		FitScore fit = decisions.fit(new LeadProfile("VP Marketing", 250, "Software", "FR"));

		assertThat(fit.breakdown()).containsExactlyInAnyOrderEntriesOf(
				Map.of("company size", 25, "industry", 20, "seniority", 20, "country", 15));
		assertThat(fit.points()).isEqualTo(80);
		assertThat(fit.decisionMaker()).isTrue();
	}

	private int criterion(LeadProfile lead, String criterion) {
		return decisions.fit(lead).breakdown().getOrDefault(criterion, 0);
	}

}
