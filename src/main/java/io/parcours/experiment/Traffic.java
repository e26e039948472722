package io.parcours.experiment;

import static io.parcours.config.Sql.at;

import java.time.Instant;
import java.util.Optional;

import io.parcours.config.InsertOnce;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code experiment_traffic} table: the winner an experiment's new traffic moved to,
 * recorded once.
 */
@Repository
class Traffic {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Traffic(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	Optional<String> movedTo(String experiment) {
		return jdbc.sql("select moved_to from experiment_traffic where experiment = ?")
			.param(experiment)
			.query(String.class)
			.optional();
	}

	boolean move(String experiment, String winner, String reason, Instant at) {
		String shortReason = reason.length() > 500 ? reason.substring(0, 500) : reason;
		return insertOnce.insert(() -> jdbc
			.sql("insert into experiment_traffic (experiment, moved_to, moved_at, reason) values (?, ?, ?, ?)")
			.params(experiment, winner, at(at), shortReason)
			.update());
	}

}
