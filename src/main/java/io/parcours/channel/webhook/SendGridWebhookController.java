package io.parcours.channel.webhook;

import java.io.IOException;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.ParcoursMeters;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/sendgrid/events}: SendGrid's signed Event Webhook. The signature
 * covers the raw body bytes, so they are verified before anything is parsed.
 */
@RestController
class SendGridWebhookController {

	static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";

	static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";

	private static final Logger log = LoggerFactory.getLogger(SendGridWebhookController.class);

	private final SendGridSignature signature;

	private final ParcoursMeters meters;

	private final SendGridEvents events;

	private final ObjectMapper mapper;

	SendGridWebhookController(SendGridSignature signature, SendGridEvents events, ObjectMapper mapper,
			ParcoursMeters meters) {
		this.signature = signature;
		this.meters = meters;
		this.events = events;
		this.mapper = mapper;
	}

	@PostMapping(path = "/webhooks/sendgrid/events")
	ResponseEntity<Void> receive(@RequestBody(required = false) byte[] body,
			@RequestHeader(name = SIGNATURE, required = false) String signatureHeader,
			@RequestHeader(name = TIMESTAMP, required = false) String timestamp) {
		byte[] raw = body == null ? new byte[0] : body;
		signature.check(raw, signatureHeader, timestamp)
			.requireValid("SendGrid", "PARCOURS_SENDGRID_WEBHOOK_PUBLIC_KEY", meters);
		JsonNode received;
		try {
			received = mapper.readTree(raw);
		}
		catch (IOException notJson) {
			received = null;
		}
		if (received == null || !received.isArray()) {
			meters.webhookRejected("sendgrid", "unreadable");
			throw new InvalidFieldException("body", "is not a JSON array of SendGrid events");
		}
		// SendGrid retries a refused batch as it was: one event it sends oddly must not
		// keep the others of its batch from ever being applied
		for (int i = 0; i < received.size(); i++) {
			readable(received.get(i), i).ifPresent(events::apply);
		}
		return ResponseEntity.ok().build();
	}

	private Optional<SendGridEvent> readable(JsonNode entry, int index) {
		try {
			if (entry.isObject()) {
				return Optional.of(mapper.treeToValue(entry, SendGridEvent.class));
			}
		}
		catch (JsonProcessingException unreadable) {
			log.warn("SendGrid event {} of a signed batch skipped, unreadable: {}", index,
					unreadable.getOriginalMessage());
			meters.webhookRejected("sendgrid", "unreadable-event");
			return Optional.empty();
		}
		log.warn("SendGrid event {} of a signed batch skipped: not a JSON object", index);
		meters.webhookRejected("sendgrid", "unreadable-event");
		return Optional.empty();
	}

}
