package io.parcours.experiment;

import java.time.Instant;

/**
 * A contact's variant in an experiment, fixed at their first exposure. An order between
 * {@code enteredAt} and {@code convertsUntil} counts as a conversion.
 */
public record Assignment(String experiment, String contactId, String variant, Instant assignedAt, String journey,
		String processInstanceId, Instant enteredAt, Instant convertsUntil) {
}
