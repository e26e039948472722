package io.parcours;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the whole application as a production node would run: the {@code prod} profile
 * on PostgreSQL, job executor on, log providers, but with test-only passwords, a random
 * port and its own engine name (so that several nodes can live in one test JVM).
 */
public final class ProdLikeNode {

	public static final String ADMIN = "opsadmin";

	public static final String ADMIN_PASSWORD = "test-only-admin-secret";

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
			.run(args.toArray(String[]::new));
	}

	public static String baseUrl(ConfigurableApplicationContext node) {
		return "http://127.0.0.1:" + ((WebServerApplicationContext) node).getWebServer().getPort();
	}

}
