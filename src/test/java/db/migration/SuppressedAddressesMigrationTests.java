package db.migration;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import io.parcours.channel.AddressKeys;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A database upgraded with email suppressions already recorded: each suppressed address
 * is on the list by its key, and each suppression knows the key it put there.
 */
class SuppressedAddressesMigrationTests {

	@Test
	void earlierEmailSuppressionsPutTheirAddressesOnTheList() {
		JdbcDataSource database = new JdbcDataSource();
		database.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		migrate(database, "12");
		JdbcClient jdbc = JdbcClient.create(database);
		contact(jdbc, "c-bounced", "Bounced@Example.com");
		contact(jdbc, "c-texted", "texted@example.com");
		jdbc.sql("""
				insert into suppression (contact_id, channel, reason, source, created_at)
				values ('c-bounced', 'email', 'hard-bounce', 'sendgrid', current_timestamp),
				       ('c-texted', 'sms', 'opted-out', 'twilio:21610', current_timestamp)""").update();

		migrate(database, "latest");

		assertThat(jdbc.sql("select channel, address_key, reason from suppressed_address")
			.query((rs, row) -> rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3))
			.list()).containsExactly("email " + AddressKeys.ofEmail("bounced@example.com") + " hard-bounce");
		assertThat(jdbc.sql("select address_key from suppression where contact_id = 'c-bounced'")
			.query(String.class)
			.single()).isEqualTo(AddressKeys.ofEmail("bounced@example.com"));
	}

	private static void migrate(JdbcDataSource database, String version) {
		Flyway.configure().dataSource(database).locations("classpath:db/migration").target(version).load().migrate();
	}

	private static void contact(JdbcClient jdbc, String id, String email) {
		jdbc.sql("""
				insert into contact (id, email, locale, time_zone, lifecycle_stage, created_at, updated_at)
				values (?, ?, 'en', 'UTC', 'subscriber', current_timestamp, current_timestamp)""")
			.params(id, email)
			.update();
	}

}
