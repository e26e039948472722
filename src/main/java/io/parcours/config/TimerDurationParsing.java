package io.parcours.config;

import javax.xml.datatype.DatatypeFactory;

import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.springframework.stereotype.Component;

/**
 * The engine parses every timer's ISO 8601 duration with a new {@link DatatypeFactory},
 * and without a named implementation Java looks one up through the service loader,
 * opening every jar of the application each time: a visible share of each journey step
 * that sets a timer. Naming the JDK's own implementation, the one the lookup ends with
 * anyway, skips the search. A choice made on the command line
 * ({@code -Djavax.xml.datatype.DatatypeFactory=...}) is kept.
 */
@Component
class TimerDurationParsing extends AbstractCamundaConfiguration {

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		if (System.getProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY) == null) {
			System.setProperty(DatatypeFactory.DATATYPEFACTORY_PROPERTY,
					DatatypeFactory.DATATYPEFACTORY_IMPLEMENTATION_CLASS);
		}
	}

}
