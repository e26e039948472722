package io.parcours.contact;

/**
 * Published inside the erasing transaction: every feature that keeps personal data of the
 * contact removes it before the transaction commits.
 */
public record ContactErased(String contactId) {
}
