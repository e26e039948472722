package io.parcours.testrun;

import java.util.Map;

import io.parcours.config.RefusedException;
import io.parcours.contact.Channel;
import io.parcours.contact.Contact;
import io.parcours.contact.ContactDetails;
import io.parcours.contact.ContactService;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

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

	private final TestRuns runs;

	TestContactProfile(ContactService contacts, TestRuns runs) {
		this.contacts = contacts;
		this.runs = runs;
	}

	/**
	 * Records the run and creates its contact in one transaction, holding the contact it
	 * copies: an erasure of that person either comes first (the copy is refused) or
	 * waits, then finds the run to forget with them.
	 */
	@Transactional
	void create(String runId, String journey, String contactId, TestRunRequest request, String requestedBy) {
		if (request.copyOf() != null && request.contact() == null) {
			contacts.lock(request.copyOf());
		}
		ContactDetails details = details(request);
		runs.started(runId, journey, contactId, request.copyOf(), requestedBy);
		contacts.replace(contactId, details, "test-run");
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
