package io.parcours.journey;

import org.camunda.bpm.engine.variable.VariableMap;

/**
 * A journey started without the event or the sweep that starts it for real, as a test run
 * does: it gets the start variables its real start would give, built by the same code
 * (settings such as {@code firstReminderDelay}, a sending slot), with sample business
 * facts where the real start takes them from its event (a cart, a lead). A journey whose
 * real start gives no variables needs none.
 */
public interface DirectStart {

	/** The journey's process key. */
	String journey();

	/**
	 * The start variables for the contact, typed where it matters (a transient sending
	 * slot); sample facts a journey reads later (a cart) are stored for the contact.
	 */
	VariableMap variables(String contactId);

}
