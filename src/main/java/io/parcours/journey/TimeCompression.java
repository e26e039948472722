package io.parcours.journey;

import java.util.Date;

import org.camunda.bpm.engine.impl.calendar.BusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.CycleBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DueDateBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.DurationBusinessCalendar;
import org.camunda.bpm.engine.impl.calendar.MapBusinessCalendarManager;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.spring.SpringProcessEngineConfiguration;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.spring.boot.starter.configuration.impl.AbstractCamundaConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Runs BPMN timer durations N times faster ({@code PARCOURS_TIME_COMPRESSION}) without
 * touching the diagrams: the engine's "duration" business calendar divides every duration
 * by the factor. Cycles (the daily sweep) keep real time.
 */
@Component
class TimeCompression extends AbstractCamundaConfiguration {

	private static final Logger log = LoggerFactory.getLogger(TimeCompression.class);

	private final double factor;

	TimeCompression(@Value("${parcours.time-compression:1}") double factor) {
		this.factor = factor;
	}

	@Override
	public void preInit(SpringProcessEngineConfiguration configuration) {
		if (factor <= 1) {
			return;
		}
		log.warn("Time compression is on: timer durations run {} times faster than written in the diagrams", factor);
		MapBusinessCalendarManager calendars = new MapBusinessCalendarManager();
		calendars.addBusinessCalendar(DurationBusinessCalendar.NAME,
				new Compressed(new DurationBusinessCalendar(), factor));
		calendars.addBusinessCalendar(DueDateBusinessCalendar.NAME,
				new Compressed(new DueDateBusinessCalendar(), factor));
		calendars.addBusinessCalendar(CycleBusinessCalendar.NAME, new CycleBusinessCalendar());
		configuration.setBusinessCalendarManager(calendars);
	}

	/**
	 * Shrinks the wait between "now" (or the given start) and the due date the real
	 * calendar computes.
	 */
	record Compressed(BusinessCalendar real, double factor) implements BusinessCalendar {

		@Override
		public Date resolveDuedate(String duedateDescription) {
			return resolveDuedate(duedateDescription, (Date) null);
		}

		@Override
		public Date resolveDuedate(String duedateDescription, Task task) {
			return resolveDuedate(duedateDescription, (Date) null);
		}

		@Override
		public Date resolveDuedate(String duedateDescription, Date startDate) {
			Date start = startDate != null ? startDate : ClockUtil.getCurrentTime();
			Date due = real.resolveDuedate(duedateDescription, start);
			long wait = Math.max(0, due.getTime() - start.getTime());
			return new Date(start.getTime() + Math.round(wait / factor));
		}

	}

}
