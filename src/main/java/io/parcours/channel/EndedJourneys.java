package io.parcours.channel;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Whether a journey has ended, as committed now: a send job read its journey as running
 * when it started, and an order may have ended it since. A journey whose start has not
 * committed yet (a send step run at once, in the transaction that starts the journey) has
 * not ended.
 */
@Component
class EndedJourneys {

	private final JdbcClient jdbc;

	EndedJourneys(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Whether the job of a step was removed, as committed now: its part of the journey
	 * was interrupted (a lead handed to sales while a nurturing email waited to go).
	 */
	boolean jobRemoved(String jobId) {
		return jdbc.sql("select count(*) from ACT_RU_JOB where ID_ = ?")
			.param(jobId)
			.query(Integer.class)
			.single() == 0;
	}

	boolean hasEnded(String processInstanceId) {
		return jdbc.sql("select count(*) from ACT_HI_PROCINST where ID_ = ? and END_TIME_ is not null")
			.param(processInstanceId)
			.query(Integer.class)
			.single() > 0;
	}

}
