package io.parcours.scoring;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * One line of a lead's score history: fit scored, an activity's points, inactivity decay,
 * the reduction when sales recycled the lead, or the engagement cleared when they
 * disqualified or accepted it.
 */
public record ScoreChange(Kind kind, String activity, int points, int engagementAfter, Instant occurredAt) {

	public enum Kind {

		FIT, ACTIVITY, DECAY, RECYCLE, DISQUALIFY, ACCEPT;

		@JsonValue
		public String value() {
			return name().toLowerCase();
		}

		static Kind fromValue(String value) {
			return valueOf(value.toUpperCase());
		}

	}

}
