package io.parcours.config;

import java.time.Clock;
import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class ClockConfiguration {

	/**
	 * In microseconds, as the databases store time: a moment kept in nanoseconds is
	 * rounded when stored, and may come back later than itself (a consent withdrawn by
	 * the next row of an import then looks older than the grant it follows).
	 */
	@Bean
	Clock clock() {
		return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
	}

}
