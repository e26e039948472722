package io.parcours.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import io.parcours.report.JourneyFigures.Totals;
import io.parcours.report.ObjectiveSettingsCheck.Findings;
import io.parcours.report.ReportProperties.ObjectiveSetting;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** A journey's objective: declared in the diagram, overridden in settings, measured. */
class ObjectivesTests {

	static final JourneyDefinition WELCOME = new JourneyDefinition("welcome", "Welcome series", 1, "welcome:1:x", null,
			Map.of(Objective.KPI, "conversion-rate", Objective.TARGET, "0.15", Objective.DESCRIPTION, "15 % order"),
			Map.of(), Map.of("Task_SendWelcomeEmail", "${sendEmail}"),
			Map.of("Task_SendWelcomeEmail", new JourneyDefinition.Step("Send welcome email", "serviceTask")),
			new JourneyShape(Set.of("${sendEmail}"), Set.of("OrderCompleted"), Set.of("SignedUp")));

	static final Totals TOTALS = new Totals(40, 10, 30, 8, Map.of("EUR", new BigDecimal("400.00")));

	@Test
	void takesTheObjectiveFromTheDiagram() {
		Objective objective = new Objectives(new ReportProperties(Map.of())).of(WELCOME);

		assertThat(objective.kpi()).isEqualTo("conversion-rate");
		assertThat(objective.target()).isEqualByComparingTo("0.15");
		assertThat(objective.source()).isEqualTo("diagram");
	}

	@Test
	void settingsOverrideTheDiagramFieldByField() {
		Objective objective = new Objectives(
				new ReportProperties(Map.of("welcome", new ObjectiveSetting(null, new BigDecimal("0.2"), null, null))))
			.of(WELCOME);

		assertThat(objective.kpi()).isEqualTo("conversion-rate");
		assertThat(objective.target()).isEqualByComparingTo("0.2");
		assertThat(objective.description()).as("the diagram's words described its own target").isNull();
		assertThat(objective.source()).isEqualTo("settings");
	}

	@Test
	void settingsChangingOnlyTheWordsKeepTheDiagramsMeasure() {
		Objective objective = new Objectives(
				new ReportProperties(Map.of("welcome", new ObjectiveSetting(null, null, "one in six orders", null))))
			.of(WELCOME);

		assertThat(objective.target()).isEqualByComparingTo("0.15");
		assertThat(objective.description()).isEqualTo("one in six orders");
	}

	/**
	 * What deployment accepts (Kpis.KNOWN) is what the figures measure, and only that.
	 */
	@Test
	void everyKpiADiagramMayNameIsMeasured() {
		Totals totals = new Totals(10, 2, 8, 3, Map.of("EUR", new BigDecimal("90.00")));
		for (String kpi : Kpis.KNOWN) {
			assertThat(Objectives.actual(kpi, totals, 4)).as(kpi).isNotNull();
		}
		assertThat(Objectives.actual("first-orders", totals, 4)).isNull();
	}

	@Test
	void measuresEachKnownKpiAndMarksWhetherTheTargetIsMet() {
		assertThat(Objectives.actual("conversion-rate", TOTALS, 0)).isEqualByComparingTo("0.2");
		assertThat(Objectives.actual("recovered-revenue", TOTALS, 0)).isEqualByComparingTo("400.00");
		assertThat(Objectives.actual("conversions", TOTALS, 0)).isEqualByComparingTo("8");
		assertThat(Objectives.actual("leads-handed-to-sales", TOTALS, 10)).isEqualByComparingTo("0.25");
		assertThat(Objectives.actual("happiness", TOTALS, 0)).isNull();
		Objective objective = new Objectives(new ReportProperties(Map.of())).of(WELCOME);
		assertThat(objective.evaluatedAt(new BigDecimal("0.2")).met()).isTrue();
		assertThat(objective.evaluatedAt(new BigDecimal("0.1")).met()).isFalse();
		assertThat(objective.evaluatedAt(null).met()).isNull();
	}

	/**
	 * 4 of 6 shows as 0.6667 but is below a target of 0.66667; 151 of 1007 below 0.15.
	 */
	@Test
	void aTargetIsMetOnTheExactRateNotOnTheRateShown() {
		Objective twoThirds = new Objectives(new ReportProperties(
				Map.of("welcome", new ObjectiveSetting(null, new BigDecimal("0.66667"), null, null))))
			.of(WELCOME)
			.evaluatedAt(Objectives.actual("conversion-rate", new Totals(6, 0, 6, 4, Map.of()), 0));
		Objective almostFifteen = new Objectives(new ReportProperties(Map.of())).of(WELCOME)
			.evaluatedAt(Objectives.actual("conversion-rate", new Totals(1007, 0, 1007, 151, Map.of()), 0));

		assertThat(twoThirds.actual()).isEqualTo(new BigDecimal("0.6667"));
		assertThat(twoThirds.met()).isFalse();
		assertThat(almostFifteen.actual()).isEqualTo(new BigDecimal("0.1500"));
		assertThat(almostFifteen.met()).isFalse();
	}

	@Test
	void aRateOfAJourneyNobodyEnteredIsNoValueAndMissesNothing() {
		Totals nobody = new Totals(0, 0, 0, 0, Map.of());
		Objective objective = new Objectives(new ReportProperties(Map.of())).of(WELCOME);

		assertThat(Objectives.actual("conversion-rate", nobody, 0)).isNull();
		assertThat(Objectives.actual("step-rate", nobody, 0)).isNull();
		assertThat(Objectives.actual("conversions", nobody, 0)).isEqualByComparingTo("0");
		assertThat(objective.evaluatedAt(Objectives.actual("conversion-rate", nobody, 0)).met()).isNull();
	}

	@Test
	void everyJourneyOfTheProjectDeclaresAKpiTheDashboardCanMeasure() throws IOException {
		try (Stream<Path> files = Files.list(Path.of("bpmn"))) {
			for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
				Bpmn.readModelFromFile(file.toFile())
					.getModelElementsByType(CamundaProperty.class)
					.stream()
					.filter(property -> Objective.KPI.equals(property.getCamundaName()))
					.forEach(kpi -> assertThat(Objectives.actual(kpi.getCamundaValue(), TOTALS, 10))
						.as(file + " declares " + kpi.getCamundaValue())
						.isNotNull());
			}
		}
	}

	/**
	 * Settings are checked as a diagram is: an unknown KPI (an environment variable's
	 * underscore for a dash), a rate target written as a percentage.
	 */
	@Test
	void settingsOfAnUnknownKpiOrATargetOutOfRangeRefuseToStart() {
		Findings unknown = settingsFindings("welcome", new ObjectiveSetting("conversion_rate", null, null, null));
		Findings percentage = settingsFindings("welcome", new ObjectiveSetting(null, new BigDecimal("15"), null, null));

		assertThat(unknown.problems()).singleElement()
			.asString()
			.contains("parcours.report.objectives.welcome.kpi (PARCOURS_REPORT_OBJECTIVES_WELCOME_KPI)",
					"'conversion_rate', which is no KPI", "conversion-rate");
		assertThat(percentage.problems()).singleElement()
			.asString()
			.contains("parcours.report.objectives.welcome.target (PARCOURS_REPORT_OBJECTIVES_WELCOME_TARGET) '15'",
					"no share for 'conversion-rate'", "0.15 for 15 %");
		assertThat(settingsFindings("abandoned-cart", new ObjectiveSetting(null, new BigDecimal("-1"), null, null))
			.problems()).singleElement()
			.asString()
			.startsWith("parcours.report.objectives.abandoned-cart.target '-1' is out of reach");
	}

	/** A KPI in settings the journey gives nothing to count refuses to start too. */
	@Test
	void settingsOfAKpiTheJourneyCannotBeMeasuredByRefuseToStart() {
		assertThat(settingsFindings("welcome", new ObjectiveSetting("step-rate", null, null, null)).problems())
			.singleElement()
			.asString()
			.contains("parcours.report.objectives.welcome.kpi", "'step-rate' counts the contacts who reach a step",
					"parcours.report.objectives.welcome.activity");
		assertThat(settingsFindings("welcome", new ObjectiveSetting("step-rate", null, null, "Task_Typo")).problems())
			.singleElement()
			.asString()
			.contains("parcours.report.objectives.welcome.activity",
					"'Task_Typo', which is no step of journey 'welcome'");
		assertThat(
				settingsFindings("welcome", new ObjectiveSetting("leads-handed-to-sales", null, null, null)).problems())
			.singleElement()
			.asString()
			.contains("no step of the journey does", "${handToSales}");
		assertThat(settingsFindings("welcome", new ObjectiveSetting("recovery-rate", null, null, null)).problems())
			.singleElement()
			.asString()
			.contains("counts recovered carts", "CartAbandoned");
		Findings fine = settingsFindings("welcome",
				new ObjectiveSetting("step-rate", new BigDecimal("0.5"), null, "Task_SendWelcomeEmail"));
		assertThat(fine.problems()).isEmpty();
		assertThat(fine.warnings()).isEmpty();
	}

	/** A journey may be deployed later from the Modeler: a warning naming the keys. */
	@Test
	void anObjectiveInSettingsForAJourneyNotDeployedIsAWarning() {
		Findings findings = settingsFindings("welcom", new ObjectiveSetting(null, new BigDecimal("0.2"), null, null));

		assertThat(findings.problems()).isEmpty();
		assertThat(findings.warnings()).singleElement()
			.asString()
			.contains("journey 'welcom' (parcours.report.objectives.welcom)", "no journey of that key is deployed",
					"Deployed journeys: welcome");
	}

	private static Findings settingsFindings(String key, ObjectiveSetting setting) {
		return ObjectiveSettingsCheck.findings(Map.of(key, setting), List.of(WELCOME));
	}

}
