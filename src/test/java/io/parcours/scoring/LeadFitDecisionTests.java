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

	@ParameterizedTest(name = "\"{0}\" is {1}: {2} points")
	@CsvSource(nullValues = "null", delimiter = '|', textBlock = """
			CEO                                         | executive  | 20
			Chief Executive Officer                     | executive  | 20
			Chief Marketing Officer                     | executive  | 20
			Chief Revenue Officer                       | executive  | 20
			CFO                                         | executive  | 20
			Co-founder & CTO                            | executive  | 20
			Founder                                     | executive  | 20
			Cofounder and Head of Product               | executive  | 20
			President                                   | executive  | 20
			Vice President Sales                        | executive  | 20
			VP Marketing                                | executive  | 20
			SVP, Engineering                            | executive  | 20
			Managing Director                           | executive  | 20
			Managing Partner                            | executive  | 20
			Owner                                       | executive  | 20
			Owner & Managing Director                   | executive  | 20
			Co-owner                                    | executive  | 20
			Small Business Owner                        | executive  | 20
			Agency owner                                | executive  | 20
			PDG                                         | executive  | 20
			DG                                          | executive  | 20
			DGA                                         | executive  | 20
			Directeur Général                           | executive  | 20
			Directrice Générale                         | executive  | 20
			DIRECTEUR GENERAL                           | executive  | 20
			Directeur général délégué                   | executive  | 20
			Directrice générale adjointe                | executive  | 20
			Président                                   | executive  | 20
			Présidente                                  | executive  | 20
			Président-directeur général                 | executive  | 20
			Vice-présidente marketing                   | executive  | 20
			Fondatrice                                  | executive  | 20
			Cofondateur                                 | executive  | 20
			Gérant                                      | executive  | 20
			Gérante                                     | executive  | 20
			Cheffe d'entreprise                         | executive  | 20
			Director of Operations                      | director   | 15
			Sales Director                              | director   | 15
			Non-executive Director                      | director   | 15
			Head of Growth                              | director   | 15
			General Manager                             | director   | 15
			Chief Architect                             | director   | 15
			Chief of Staff                              | director   | 15
			Directrice marketing                        | director   | 15
			Directeur commercial                        | director   | 15
			Directeur adjoint                           | director   | 15
			Directeur de l'assistance client            | director   | 15
			Marketing Manager                           | manager    | 10
			Product Manager                             | manager    | 10
			Supervisor                                  | manager    | 10
			Assistant Manager                           | manager    | 10
			Assistant Marketing Director                | manager    | 10
			Assistant Director of Sales                 | manager    | 10
			Assistant Vice President                    | manager    | 10
			AVP, Operations                             | manager    | 10
			Team Lead                                   | manager    | 10
			Team Leader Commercial                      | manager    | 10
			Tech Lead                                   | manager    | 10
			Lead Developer                              | manager    | 10
			Marketing Lead                              | manager    | 10
			Growth Lead - EMEA                          | manager    | 10
			Lead of Partnerships                        | manager    | 10
			Responsable digital                         | manager    | 10
			Responsable marketing                       | manager    | 10
			Chef de projet                              | manager    | 10
			Cheffe de produit                           | manager    | 10
			Assistant chef de projet                    | manager    | 10
			Product Owner                               | individual | 0
			Senior Product Owner                        | individual | 0
			Process Owner                               | individual | 0
			Data owner                                  | individual | 0
			Assistant to the CEO                        | individual | 0
			Executive Assistant to the CEO              | individual | 0
			Executive Assistant                         | individual | 0
			Personal Assistant to the Founder           | individual | 0
			Assistant to Director                       | individual | 0
			EA to the CEO                               | individual | 0
			Assistante de direction                     | individual | 0
			Assistant du PDG                            | individual | 0
			Assistante de la Directrice Générale        | individual | 0
			Marketing assistant                         | individual | 0
			Lead Generation Specialist                  | individual | 0
			Lead Development Representative             | individual | 0
			Leadership Coach                            | individual | 0
			Account Executive                           | individual | 0
			Budget Analyst                              | individual | 0
			Headhunter                                  | individual | 0
			Directory Editor                            | individual | 0
			Vice-versa analyst                          | individual | 0
			Developer                                   | individual | 0
			Chargée de marketing                        | individual | 0
			''                                          | individual | 0
			null                                        | individual | 0
			""")
	void readsTheSeniorityFromTheJobTitleAndScoresIt(String jobTitle, String seniority, int points) {
		FitScore fit = decisions.fit(new LeadProfile(jobTitle, null, null, null));

		assertThat(fit.seniority()).isEqualTo(seniority);
		assertThat(fit.breakdown().getOrDefault("seniority", 0)).isEqualTo(points);
		assertThat(fit.decisionMaker()).isEqualTo(points >= 15);
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
