package io.parcours.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.impl.calendar.DurationHelper;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TimerDurationParsingTests {

	private String before;

	@BeforeEach
	void rememberTheChoice() {
		before = System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
	}

	@AfterEach
	void restoreTheChoice() {
		if (before == null) {
			System.clearProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY);
		}
		else {
			System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, before);
		}
	}

	@Test
	void theJdkImplementationIsNamedSoNoTimerSearchesTheClasspath() throws Exception {
		new TimerDurationParsing().preInit(new SpringProcessEngineConfiguration());

		assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
			.isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		assertThat(DatatypeFactory.newInstance().getClass().getName())
			.isEqualTo(DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		Date start = new Date(0);
		assertThat(new DurationHelper("P2D", start).getDateAfter(start)).isEqualTo(new Date(2L * 24 * 3600 * 1000));
	}

	@Test
	void aChoiceMadeOnTheCommandLineIsKept() {
		System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY, "org.example.OwnDatatypeFactory");

		new TimerDurationParsing().preInit(new SpringProcessEngineConfiguration());

		assertThat(System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY))
			.isEqualTo("org.example.OwnDatatypeFactory");
	}

}
