package io.parcours.journey;

import java.time.Instant;

/**
 * Marks a step that is not failing but must wait (a message in the contact's quiet
 * hours): its job keeps its retries, raises no incident and runs again at
 * {@link #until()}, a wait that time compression shortens like any timer. The exception's
 * message is what Cockpit shows on the job.
 */
public interface Deferral {

	Instant until();

}
