package io.parcours.bench.load;

import static io.parcours.config.Sql.at;

import java.sql.Timestamp;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the node did during one step, counted in its database afterwards: journeys started
 * and messages sent per second of the step.
 */
record WindowCounts(double journeysStartedPerSecond, double messagesSentPerSecond) {

	static List<WindowCounts> of(JdbcClient jdbc, List<StepResult> steps) {
		return steps.stream().map(step -> of(jdbc, step)).toList();
	}

	private static WindowCounts of(JdbcClient jdbc, StepResult step) {
		int journeys = jdbc.sql("""
				select count(*) from act_hi_procinst p join act_re_procdef d on p.proc_def_id_ = d.id_
				where d.key_ <> 'bench-trivial' and p.start_time_ >= ? and p.start_time_ < ?""")
			.params(Timestamp.from(step.start()), Timestamp.from(step.end()))
			.query(Integer.class)
			.single();
		int messages = jdbc.sql("select count(*) from message where sent_at >= ? and sent_at < ?")
			.params(at(step.start()), at(step.end()))
			.query(Integer.class)
			.single();
		return new WindowCounts(journeys / step.seconds(), messages / step.seconds());
	}

}
