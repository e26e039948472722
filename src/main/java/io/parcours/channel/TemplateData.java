package io.parcours.channel;

import java.util.Map;

import io.parcours.contact.Contact;

/**
 * Data a message template may show that has no place in process variables: too large,
 * personal, or needed as it is at send time (the items of a cart, what the contact bought
 * before). Looked up for the contact and the step's variables when the message is
 * rendered.
 */
public interface TemplateData {

	/**
	 * Values to add to the template model; empty when the variables say nothing of ours.
	 */
	Map<String, Object> lookUp(Contact contact, Map<String, Object> variables);

}
