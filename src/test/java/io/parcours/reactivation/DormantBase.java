package io.parcours.reactivation;

import static io.parcours.config.Sql.at;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A base of dormant customers written straight to the tables, a few thousand per
 * transaction: the fast way to hundreds (tests) or a hundred thousand (benchmark). Each
 * last ordered 200 days ago and consented to email.
 */
public final class DormantBase {

	static final int CHUNK = 5_000;

	private DormantBase() {
	}

	/**
	 * Seeds contacts {@code prefix-0000000} to {@code prefix-(count-1)}; returns their
	 * ids.
	 */
	public static List<String> seed(JdbcTemplate jdbc, TransactionTemplate transaction, String prefix, int count,
			Instant now) {
		List<String> all = new ArrayList<>(count);
		for (int from = 0; from < count; from += CHUNK) {
			List<String> ids = IntStream.range(from, Math.min(count, from + CHUNK))
				.mapToObj(i -> String.format("%s-%07d", prefix, i))
				.toList();
			transaction.executeWithoutResult(tx -> insert(jdbc, ids, now));
			all.addAll(ids);
		}
		return all;
	}

	private static void insert(JdbcTemplate jdbc, List<String> ids, Instant now) {
		jdbc.batchUpdate("""
				insert into contact (id, email, first_name, locale, time_zone, lifecycle_stage, orders_count, revenue,
				  last_order_at, created_at, updated_at)
				values (?, ?, 'Ana', 'fr-FR', 'Europe/Paris', 'active', 3, 90, ?, ?, ?)""", ids, 1_000,
				(statement, id) -> {
					statement.setString(1, id);
					statement.setString(2, id + "@example.com");
					statement.setObject(3, at(now.minus(Duration.ofDays(200))));
					statement.setObject(4, at(now));
					statement.setObject(5, at(now));
				});
		jdbc.batchUpdate("""
				insert into contact_consent (contact_id, channel, granted, changed_at, source)
				values (?, 'email', true, ?, 'seed')""", ids, 1_000, (statement, id) -> {
			statement.setString(1, id);
			statement.setObject(2, at(now));
		});
	}

}
