package io.parcours.journey;

import org.camunda.bpm.engine.ProcessEngineException;

/**
 * A start of a journey by hand refused: the contact is already in it ({@code 409}), or
 * the start names its contact two ways that disagree ({@code 400}); the field at fault is
 * {@code businessKey}.
 */
public class JourneyStartRefused extends ProcessEngineException implements ClientRefusal {

	private final int status;

	private JourneyStartRefused(int status, String message) {
		super(message);
		this.status = status;
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

}
