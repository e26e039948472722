package io.parcours.contact;

import java.time.Instant;

/** Consent to one channel: given or withdrawn, when, and where the decision came from. */
public record Consent(boolean granted, Instant changedAt, String source) {
}
