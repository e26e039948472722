package io.parcours.channel;

import java.util.Map;

import io.parcours.contact.Contact;

/**
 * Values a feature adds to every message template's model, looked up for the contact at
 * send time: data that has no place in process variables (what the contact bought, ...).
 */
public interface TemplateData {

	Map<String, Object> of(Contact contact);

}
