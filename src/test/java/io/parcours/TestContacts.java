package io.parcours;

import java.util.Map;
import java.util.UUID;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.springframework.stereotype.Component;

/**
 * Creates contacts with fresh ids, so tests sharing a context never see each other's
 * data.
 */
@Component
public class TestContacts {

	private final ContactService contacts;

	TestContacts(ContactService contacts) {
		this.contacts = contacts;
	}

	public static String newId(String prefix) {
		return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
	}

	public Contact withConsent(boolean email, boolean sms) {
		String id = newId("c");
		return contacts.replace(id, new ContactDetails(id + "@example.com", "+33612345678", "Ana", "fr-FR",
				"Europe/Paris", Map.of(Channel.EMAIL, email, Channel.SMS, sms)), "test");
	}

}
