package io.parcours.journey;

import static io.parcours.config.Sql.at;

import java.math.BigDecimal;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Orders attributed to the journey instance they converted, with their revenue and A/B
 * variant.
 */
@Repository
public class Conversions {

	private final JdbcClient jdbc;

	Conversions(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	public void record(CorrelatedJourney journey, String contactId, String orderId, BigDecimal revenue, String currency,
			Instant convertedAt) {
		jdbc.sql(
				"""
						insert into conversion (process_instance_id, journey, contact_id, order_id, revenue, currency, variant, converted_at)
						values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(journey.processInstanceId(), journey.journey(), contactId, orderId, revenue, currency,
					journey.variant(), at(convertedAt))
			.update();
	}

	public boolean converted(String processInstanceId) {
		return jdbc.sql("select count(*) from conversion where process_instance_id = ?")
			.param(processInstanceId)
			.query(Integer.class)
			.single() > 0;
	}

}
