package io.parcours.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Constructor;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

import io.parcours.config.InsertOnce;
import io.parcours.experiment.Assignments.VariantFigures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The experiment's tables and queries on a real PostgreSQL (production's database), with
 * the project's migrations and no Spring context: the same SQL as on H2.
 */
class ExperimentPostgresTests {

	static final Instant ENTERED = Instant.parse("2026-11-02T09:00:00Z");

	static EmbeddedPostgres postgres;

	static JdbcClient jdbc;

	static Assignments assignments;

	static Experiments experiments;

	@BeforeAll
	static void startPostgres() throws Exception {
		postgres = EmbeddedPostgres.start();
		Flyway.configure()
			.dataSource(postgres.getPostgresDatabase())
			.locations("classpath:db/migration")
			.load()
			.migrate();
		jdbc = JdbcClient.create(postgres.getPostgresDatabase());
		InsertOnce insertOnce = insertOnce(new DataSourceTransactionManager(postgres.getPostgresDatabase()));
		assignments = new Assignments(jdbc, insertOnce);
		ExperimentSettings settings = new ExperimentSettings("abandoned-cart", Map.of("A", 45, "B", 45, "control", 10),
				"control", Duration.ofDays(7), 100, 0.05, true);
		experiments = new Experiments(new ExperimentProperties(Map.of("cart-reminder", settings)), assignments,
				new Traffic(jdbc, insertOnce), Clock.fixed(ENTERED, ZoneOffset.UTC), 1);
	}

	@AfterAll
	static void stopPostgres() throws Exception {
		postgres.close();
	}

	@Test
	void assignmentsAndFiguresWorkOnPostgres() {
		for (int i = 0; i < 50; i++) {
			experiments.assign("cart-reminder", "c-" + i, "abandoned-cart", "pi-" + i, ENTERED);
		}
		String again = experiments.assign("cart-reminder", "c-1", "abandoned-cart", "pi-x", ENTERED).variant();
		order("o-1", "c-1", "30.00", ENTERED.plus(Duration.ofDays(1)));
		order("o-2", "c-1", "12.50", ENTERED.plus(Duration.ofDays(6)));
		order("o-3", "c-2", "99.00", ENTERED.plus(Duration.ofDays(8)));

		Map<String, VariantFigures> figures = ExperimentAnalysis.byVariant(
				experiments.settings("cart-reminder").orElseThrow(),
				assignments.figures("cart-reminder", Instant.now()));

		assertThat(figures.values().stream().mapToLong(VariantFigures::assigned).sum()).isEqualTo(50);
		assertThat(figures.get(again).converted()).isOne();
		assertThat(figures.get(again).revenueByCurrency().get("EUR")).isEqualByComparingTo("42.50");
		assertThat(figures.values().stream().mapToLong(VariantFigures::converted).sum()).isOne();
		assertThat(assignments.find("cart-reminder", "c-1").orElseThrow().processInstanceId()).isEqualTo("pi-1");
	}

	/** The component's constructor is package-private; Spring calls it the same way. */
	private static InsertOnce insertOnce(PlatformTransactionManager transactions) throws Exception {
		Constructor<InsertOnce> constructor = InsertOnce.class.getDeclaredConstructor(PlatformTransactionManager.class);
		constructor.setAccessible(true);
		return constructor.newInstance(transactions);
	}

	private static void order(String orderId, String contactId, String amount, Instant at) {
		jdbc.sql("""
				insert into customer_order (order_id, contact_id, amount, currency, ordered_at, event_id)
				values (?, ?, ?, 'EUR', ?, ?)""")
			.params(orderId, contactId, new BigDecimal(amount), at.atOffset(ZoneOffset.UTC), "e-" + orderId)
			.update();
	}

}
