package io.parcours.contact;

import java.time.Instant;

/**
 * Published inside the transaction that grants consent to a channel the contact had not
 * (or no longer) consented to: a consent given anew, which lifts earlier suppressions.
 */
public record ConsentGranted(String contactId, Channel channel, Instant at, String source) {
}
