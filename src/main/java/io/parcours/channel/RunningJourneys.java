package io.parcours.channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a journey still runs, as committed now: a send job read its journey as running
 * when it started, and an order may have ended it since.
 */
@Component
class RunningJourneys {

	private final JdbcClient jdbc;

	RunningJourneys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	boolean isRunning(String processInstanceId) {
		return jdbc.sql("select count(*) from ACT_RU_EXECUTION where ID_ = ?")
			.param(processInstanceId)
			.query(Integer.class)
			.single() > 0;
	}

}
