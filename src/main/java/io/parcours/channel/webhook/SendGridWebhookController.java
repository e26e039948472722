package io.parcours.channel.webhook;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.ParcoursMeters;

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

	private static final TypeReference<List<SendGridEvent>> EVENTS = new TypeReference<>() {
	};

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
		List<SendGridEvent> received;
		try {
			received = mapper.readValue(raw, EVENTS);
		}
		catch (IOException notEvents) {
			meters.webhookRejected("sendgrid", "unreadable");
			throw new InvalidFieldException("body", "is not a JSON array of SendGrid events");
		}
		if (received == null || received.contains(null)) {
			meters.webhookRejected("sendgrid", "unreadable");
			throw new InvalidFieldException("body", "is not a JSON array of SendGrid events (it holds null)");
		}
		received.forEach(events::apply);
		return ResponseEntity.ok().build();
	}

}
