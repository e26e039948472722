package io.parcours;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationStartingEvent;
import org.springframework.boot.context.logging.LoggingApplicationListener;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;

/**
 * Starts the whole application as a production node would run: the {@code prod} profile
 * on PostgreSQL, job executor on, log providers, but with test-only passwords, a random
 * port and its own engine name (so that several nodes can live in one test JVM).
 */
public final class ProdLikeNode {

	public static final String ADMIN = "opsadmin";

	public static final String ADMIN_PASSWORD = "Test-only-admin-secret-1";

	private ProdLikeNode() {
	}

	public static ConfigurableApplicationContext start(String name, String jdbcUrl, String... settings) {
		List<String> args = new ArrayList<>(
				List.of("--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + TestPostgres.USER,
						// the embedded server trusts local connections; prod refuses a
						// weak password anyway
						"--spring.datasource.password=test-only-database-secret", "--server.address=127.0.0.1",
						"--server.port=0", "--camunda.bpm.process-engine-name=" + name,
						"--camunda.bpm.admin-user.id=" + ADMIN, "--camunda.bpm.admin-user.password=" + ADMIN_PASSWORD,
						"--spring.application.name=" + name, "--logging.level.org.camunda.bpm.engine.jobexecutor=warn",
						"--logging.level.org.camunda.bpm.engine.context=error",
						// the Camunda webapps find engines in a JVM-wide registry: a node
						// of
						// this test closing with them on breaks the webapps of other test
						// contexts
						"--camunda.bpm.webapp.enabled=false",
						// console logs as in the other tests, not prod's JSON for the
						// rest of
						// the run
						"--logging.structured.format.console="));
		args.addAll(List.of(settings));
		return new SpringApplicationBuilder(ParcoursApplication.class).profiles("prod")
			.listeners(LoggingSetupOneAtATime.BEFORE, LoggingSetupOneAtATime.AFTER)
			.run(args.toArray(String[]::new));
	}

	/**
	 * Spring Boot configures Logback, which is JVM-wide, while it prepares the
	 * environment, and Logback's context is not safe for two configurations at once (a
	 * ConcurrentModificationException in its property map): nodes that start together
	 * take turns for that step only, the engine and database start stays concurrent.
	 */
	private static final class LoggingSetupOneAtATime {

		private static final ReentrantLock TURN = new ReentrantLock();

		static final ApplicationListener<ApplicationEvent> BEFORE = new Step(Ordered.HIGHEST_PRECEDENCE);

		static final ApplicationListener<ApplicationEvent> AFTER = new Step(
				LoggingApplicationListener.DEFAULT_ORDER + 1);

		private record Step(int order) implements ApplicationListener<ApplicationEvent>, Ordered {

			@Override
			public void onApplicationEvent(ApplicationEvent event) {
				boolean first = this.order == Ordered.HIGHEST_PRECEDENCE;
				if (first && event instanceof ApplicationStartingEvent) {
					TURN.lock();
				}
				else if (!first && (event instanceof ApplicationEnvironmentPreparedEvent
						|| event instanceof ApplicationFailedEvent) && TURN.isHeldByCurrentThread()) {
					TURN.unlock();
				}
			}

			@Override
			public int getOrder() {
				return this.order;
			}

		}

	}

	public static String baseUrl(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

}
