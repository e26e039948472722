package io.parcours.reactivation;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One sweep for dormant customers and where it stands: the rules' cut-offs fixed when it
 * opened, how many dormant contacts it found then, how many it enrolled so far, the last
 * contact id it reached, and when the next enrolled journey may send its first email.
 */
public record Sweep(String id, Instant openedAt, Instant dormantBefore, Instant reentryAfter, int pageSize,
		@JsonIgnore String cursor, Instant nextSendAt, int found, int enrolled, int pages, Instant finishedAt) {

	@JsonProperty
	public boolean running() {
		return finishedAt == null;
	}

}
