package io.parcours.event;

import java.time.Instant;
import java.util.Map;

import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactId;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** The body of {@code POST /api/events} (DESIGN.md §4). */
public record EventRequest(@NotBlank @OneLine @Size(max = EventRequest.MAX_ID) String id, @NotNull EventType type,
		@NotBlank @ContactId String contactId, Instant occurredAt, @Valid ContactDetails contact,
		Map<String, Object> properties) {

	/** The size of {@code inbound_event.id}. */
	public static final int MAX_ID = 100;

	public Map<String, Object> properties() {
		return properties == null ? Map.of() : properties;
	}

}
