package io.parcours.contact;

import java.util.Optional;

/**
 * What another feature adds to {@code GET /api/contacts/{id}} under its own field (e.g.
 * the lead score), without the contact feature knowing about it.
 */
public interface ContactExtension {

	/** The JSON field the extension appears under. */
	String field();

	/** The extension's value for the contact, or empty to leave the field out. */
	Optional<Object> of(String contactId);

}
