package io.parcours.journey;

import io.parcours.contact.ContactId;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A start of a journey by hand refused: the contact is already in it ({@code 409}), or
 * the start names its contact two ways that disagree or none ({@code 400}), or begins a
 * journey that must begin at its start at one of its steps ({@code 400}).
 */
public class JourneyStartRefused extends ProcessEngineException implements ClientRefusal {

	private final int status;

	private final String field;

	private JourneyStartRefused(int status, String message) {
		this(status, "businessKey", message);
	}

	private JourneyStartRefused(int status, String field, String message) {
		super(message);
		this.status = status;
		this.field = field;
	}

	static JourneyStartRefused notAContactId(String journey, String businessKey) {
		return new JourneyStartRefused(400, "Journey '" + journey + "' runs for one contact: its businessKey '"
				+ businessKey + "' " + ContactId.MESSAGE + ". Nothing was started.");
	}

	/** A journey that must begin at its start event was started at one of its steps. */
	public static JourneyStartRefused notAtItsStart(String journey, String step) {
		return new JourneyStartRefused(400, "startInstructions",
				"Journey '" + journey + "' begins at its start: started at '" + step
						+ "', it would skip what it needs first. Nothing was started.");
	}

	static JourneyStartRefused alreadyIn(String contactId, String journey) {
		return new JourneyStartRefused(409, "Contact '" + contactId + "' is already in journey '" + journey
				+ "': a contact runs a journey once at a time. Nothing was started.");
	}

	static JourneyStartRefused twoContacts(String businessKey, String contactId) {
		return new JourneyStartRefused(400,
				"A journey's business key is its contact's id: the start gives business key "
						+ (businessKey == null ? "none" : "'" + businessKey + "'") + " and contactId '" + contactId
						+ "'. Start it with businessKey '" + contactId + "'. Nothing was started.");
	}

	static JourneyStartRefused noContact(String journey) {
		return new JourneyStartRefused(400, "Journey '" + journey
				+ "' runs for one contact: start it with the contact's id as businessKey. Nothing was started.");
	}

	public int status() {
		return status;
	}

	public String field() {
		return field;
	}

}
