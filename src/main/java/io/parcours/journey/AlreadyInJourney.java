package io.parcours.journey;

import org.camunda.bpm.engine.ProcessEngineException;

/** A start of a journey the contact (the business key) is already in. */
public class AlreadyInJourney extends ProcessEngineException implements ClientRefusal {

	public AlreadyInJourney(String contactId, String journey) {
		super("Contact '" + contactId + "' is already in journey '" + journey
				+ "': a contact runs a journey once at a time. Nothing was started.");
	}

}
