package io.parcours.testrun;

import java.util.Map;

import io.parcours.config.RefusedException;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * The throwaway contact of a test run: the details given, or a copy of an existing
 * contact's (so messages render in their language with their name), or a default test
 * persona reachable on every channel. Its messages are only logged, so the addresses
 * never receive anything.
 */
@Component
class TestContactProfile {

	static final ContactDetails DEFAULT = new ContactDetails("test-run@example.invalid", "+33612345678", "Alex", "en",
			"Europe/Paris", Map.of(Channel.EMAIL, true, Channel.SMS, true));

	private final ContactService contacts;

	TestContactProfile(ContactService contacts) {
		this.contacts = contacts;
	}

	void create(String contactId, TestRunRequest request) {
		contacts.replace(contactId, details(request), "test-run");
	}

	private ContactDetails details(TestRunRequest request) {
		if (request.contact() != null) {
			return request.contact();
		}
		if (request.copyOf() == null) {
			return DEFAULT;
		}
		Contact original = contacts.find(request.copyOf())
			.orElseThrow(() -> new RefusedException(HttpStatus.UNPROCESSABLE_ENTITY, "Unknown contact", "copyOf",
					"copyOf '" + request.copyOf() + "' is not a known contact"));
		return new ContactDetails(original.email(), original.phone(), original.firstName(), original.locale(),
				original.timeZone(), Map.of(Channel.EMAIL, original.consentsTo(Channel.EMAIL), Channel.SMS,
						original.consentsTo(Channel.SMS)));
	}

}
