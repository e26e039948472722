package io.parcours.channel.webhook;

import jakarta.servlet.http.HttpServletRequest;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.ParcoursMeters;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /webhooks/twilio/status} (the status callback set on every SMS, with our
 * message id in its query) and {@code POST /webhooks/twilio/inbound} (the number's "A
 * message comes in" webhook), both signed by Twilio.
 */
@RestController
class TwilioWebhookController {

	/** An empty TwiML answer: Parcours itself replies nothing to an inbound SMS. */
	static final String NO_REPLY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

	private final TwilioSignature signature;

	private final ParcoursMeters meters;

	private final TwilioStatus status;

	private final TwilioInbound inbound;

	TwilioWebhookController(TwilioSignature signature, TwilioStatus status, TwilioInbound inbound,
			ParcoursMeters meters) {
		this.signature = signature;
		this.meters = meters;
		this.status = status;
		this.inbound = inbound;
	}

	@PostMapping(path = "/webhooks/twilio/status", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<Void> status(HttpServletRequest request) {
		signature.check(request).requireValid("Twilio", "PARCOURS_TWILIO_AUTH_TOKEN", meters);
		status.apply(request.getParameter("messageId"), request.getParameter("MessageSid"),
				request.getParameter("MessageStatus"), request.getParameter("ErrorCode"), request.getParameter("To"));
		return ResponseEntity.noContent().build();
	}

	/**
	 * Twilio's sids have 34 characters; room for a longer form, none for an absurd one.
	 */
	static final int MAX_SID = 64;

	@PostMapping(path = "/webhooks/twilio/inbound", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
	ResponseEntity<String> inbound(HttpServletRequest request) {
		signature.check(request).requireValid("Twilio", "PARCOURS_TWILIO_AUTH_TOKEN", meters);
		String messageSid = request.getParameter("MessageSid");
		if (messageSid == null || messageSid.isBlank()) {
			// each message is acted on once, by its sid: without one, a STOP after a
			// START would pass for a replay
			throw new InvalidFieldException("MessageSid",
					"is missing: Twilio sends it with every inbound message, which Parcours acts on once by it");
		}
		if (messageSid.length() > MAX_SID) {
			throw new InvalidFieldException("MessageSid", "is " + messageSid.length()
					+ " characters long: a Twilio message sid has 34 (SM and 32 hexadecimal digits)");
		}
		inbound.apply(messageSid, request.getParameter("From"), request.getParameter("Body"),
				request.getParameter("OptOutType"));
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_XML).body(NO_REPLY);
	}

}
