package io.parcours.journey;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.core.spi.FilterReply;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class DeferralLogFilterTests {

	final DeferralLogFilter filter = new DeferralLogFilter();

	final Logger engine = (Logger) LoggerFactory.getLogger("org.camunda.bpm.engine.context");

	@AfterEach
	void clearContext() {
		MDC.clear();
	}

	@Test
	void anEngineErrorAboutARealContactIsLogged() {
		MDC.put("contactId", "c-42");

		assertThat(decide(new IllegalStateException("boom"))).isEqualTo(FilterReply.NEUTRAL);
	}

	@Test
	void anEngineErrorAboutATestRunsContactIsLeftToTheRunsReport() {
		MDC.put("contactId", TestRunContacts.PREFIX + "1234abcd");

		assertThat(decide(new IllegalStateException("boom"))).isEqualTo(FilterReply.DENY);
	}

	/** A provider or the CRM down: the retry's warning and the incident say it. */
	@Test
	void anEngineErrorAboutAnAttemptItsRetriesAreMadeForIsDropped() {
		MDC.put("contactId", "c-42");

		assertThat(decide(new IllegalStateException("job failed", new CrmDown()))).isEqualTo(FilterReply.DENY);
	}

	static class CrmDown extends RuntimeException implements RetriedFailure {

	}

	@Test
	void outsideAnyJourneyNothingChanges() {
		assertThat(decide(new IllegalStateException("boom"))).isEqualTo(FilterReply.NEUTRAL);
	}

	private FilterReply decide(Throwable failure) {
		return filter.decide(null, engine, Level.ERROR, "ENGINE-16004 Exception while closing command context: {}",
				new Object[] { failure.getMessage() }, failure);
	}

}
