package io.parcours.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import io.parcours.report.JourneyFigures.Totals;
import io.parcours.report.ReportProperties.ObjectiveSetting;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.junit.jupiter.api.Test;

/** A journey's objective: declared in the diagram, overridden in settings, measured. */
class ObjectivesTests {

	static final JourneyDefinition WELCOME = new JourneyDefinition("welcome", "Welcome series", 1, "welcome:1:x", null,
			Map.of(Objective.KPI, "conversion-rate", Objective.TARGET, "0.15", Objective.DESCRIPTION, "15 % order"),
			Map.of(), Map.of(), Map.of());

	static final Totals TOTALS = new Totals(40, 10, 8, Map.of("EUR", new BigDecimal("400.00")));

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
		assertThat(objective.description()).isEqualTo("15 % order");
		assertThat(objective.source()).isEqualTo("settings");
	}

	/**
	 * What deployment accepts (Kpis.KNOWN) is what the figures measure, and only that.
	 */
	@Test
	void everyKpiADiagramMayNameIsMeasured() {
		Totals totals = new Totals(10, 2, 3, Map.of("EUR", new BigDecimal("90.00")));
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
			.evaluatedAt(Objectives.actual("conversion-rate", new Totals(6, 0, 4, Map.of()), 0));
		Objective almostFifteen = new Objectives(new ReportProperties(Map.of())).of(WELCOME)
			.evaluatedAt(Objectives.actual("conversion-rate", new Totals(1007, 0, 151, Map.of()), 0));

		assertThat(twoThirds.actual()).isEqualTo(new BigDecimal("0.6667"));
		assertThat(twoThirds.met()).isFalse();
		assertThat(almostFifteen.actual()).isEqualTo(new BigDecimal("0.1500"));
		assertThat(almostFifteen.met()).isFalse();
	}

	@Test
	void aRateOfAJourneyNobodyEnteredIsNoValueAndMissesNothing() {
		Totals nobody = new Totals(0, 0, 0, Map.of());
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

}
