package io.parcours.contact;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.parcours.config.ConcurrentUpdate;
import io.parcours.config.RefusedException;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/contacts")
@Validated
class ContactController {

	private final ContactService contacts;

	private final List<ContactExtension> extensions;

	private final ContactReadAccess access;

	ContactController(ContactService contacts, List<ContactExtension> extensions, ContactReadAccess access) {
		this.contacts = contacts;
		this.extensions = extensions;
		this.access = access;
	}

	@GetMapping("/{id}")
	ResponseEntity<ContactView> get(@PathVariable String id, Authentication user) {
		contacts.refuseInvalidId(id, "id");
		if (!access.mayRead(user, id)) {
			throw new RefusedException(HttpStatus.FORBIDDEN, "Forbidden", "id", "User '" + user.getName()
					+ "' reads the contacts of the tasks they may work on, and '" + id + "' is not one of them");
		}
		return ResponseEntity.ok(contacts.find(id)
			.map(contact -> new ContactView(contact, extensionsOf(id)))
			.orElseThrow(() -> unknown(id)));
	}

	private Map<String, Object> extensionsOf(String id) {
		Map<String, Object> values = new LinkedHashMap<>();
		extensions.forEach(extension -> extension.of(id).ifPresent(value -> values.put(extension.field(), value)));
		return values;
	}

	@PutMapping("/{id}")
	ResponseEntity<Contact> put(@PathVariable @ContactId String id, @Valid @RequestBody ContactDetails details,
			Principal principal) {
		Saved saved = contacts.createOrReplace(id, details, "api:" + principal.getName());
		return ResponseEntity.status(saved.created() ? HttpStatus.CREATED : HttpStatus.OK).body(saved.contact());
	}

	private static RefusedException unknown(String id) {
		return new RefusedException(HttpStatus.NOT_FOUND, "Unknown contact", "id", "No contact '" + id + "'");
	}

	/** Erases the person everywhere, engine history included. */
	@DeleteMapping("/{id}")
	ResponseEntity<Void> erase(@PathVariable String id) {
		contacts.refuseInvalidId(id, "id");
		// the person's events processed at this moment change their journeys too
		if (!ConcurrentUpdate.retryFor(() -> contacts.erase(id))) {
			throw unknown(id);
		}
		return ResponseEntity.noContent().build();
	}

}
