package io.parcours.channel;

import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import io.parcours.config.InvalidFieldException;

import io.parcours.contact.ContactService;

import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class MessageController {

	private final Messages messages;

	private final ContactService contacts;

	MessageController(Messages messages, ContactService contacts) {
		this.contacts = contacts;
		this.messages = messages;
	}

	@GetMapping("/api/contacts/{contactId}/messages")
	List<MessageRecord> ofContact(@PathVariable String contactId) {
		contacts.refuseInvalidId(contactId, "contactId");
		return contacts.requireRecorded(contactId, "contactId", messages.ofContact(contactId));
	}

	@GetMapping("/api/messages")
	List<MessageRecord> search(@RequestParam(required = false) String journey,
			@RequestParam(required = false) MessageStatus status,
			@RequestParam(defaultValue = "100") @Min(1) @Max(1000) int limit,
			@RequestParam(required = false) String before, @RequestParam(defaultValue = "0") @Min(0) int offset) {
		MessageRecord last = before == null ? null
				: messages.find(before)
					.orElseThrow(() -> new InvalidFieldException("before",
							"is no message id: give the id of the last message of the page before"));
		return messages.search(journey, status, last, limit, offset);
	}

	/**
	 * How many messages are in each status: {@code unknown} counts the messages whose
	 * provider call was interrupted, never resent.
	 */
	@GetMapping("/api/messages/counts")
	Map<MessageStatus, Integer> counts() {
		return messages.countByStatus();
	}

}
