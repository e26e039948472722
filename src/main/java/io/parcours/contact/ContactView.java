package io.parcours.contact;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * The body of {@code GET /api/contacts/{id}}: the contact's fields, then one field per
 * {@link ContactExtension} that has something to say.
 */
final class ContactView {

	private final Contact contact;

	private final Map<String, Object> extensions;

	ContactView(Contact contact, Map<String, Object> extensions) {
		this.contact = contact;
		this.extensions = extensions;
	}

	@JsonUnwrapped
	public Contact getContact() {
		return contact;
	}

	@JsonAnyGetter
	public Map<String, Object> getExtensions() {
		return extensions;
	}

}
