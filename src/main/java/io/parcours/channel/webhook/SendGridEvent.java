package io.parcours.channel.webhook;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.parcours.channel.provider.SendGridEmailProvider;

/**
 * One event of SendGrid's Event Webhook, with the custom arg we set at send time. Only
 * the fields we use; the recipient's address ({@code email}) only suppresses an address
 * our message no longer holds (its contact erased before SendGrid reported).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record SendGridEvent(String event, String email, @JsonProperty("sg_event_id") String eventId,
		@JsonProperty("sg_message_id") String sendGridMessageId,
		@JsonProperty(SendGridEmailProvider.MESSAGE_ID_ARG) String messageId, Long timestamp, String type,
		String status, String reason) {

	/**
	 * When it happened, between the message's creation and now: SendGrid's clock ahead of
	 * ours, the event happened by now; a timestamp before the message (garbled, or a year
	 * typed wrong) is no moment of it.
	 */
	Instant occurredAt(Instant now, Instant messageCreated) {
		if (timestamp == null || timestamp > now.getEpochSecond()) {
			return now;
		}
		Instant at = Instant.ofEpochSecond(Math.max(timestamp, Instant.MIN.getEpochSecond()));
		return messageCreated != null && at.isBefore(messageCreated) ? messageCreated : at;
	}

	/**
	 * The X-Message-Id SendGrid answered at send time: sg_message_id up to its first dot.
	 */
	String providerMessageId() {
		if (sendGridMessageId == null) {
			return null;
		}
		int dot = sendGridMessageId.indexOf('.');
		return dot < 0 ? sendGridMessageId : sendGridMessageId.substring(0, dot);
	}

	/**
	 * What makes this event unique, for replays: SendGrid's event id; without one (a
	 * relay, an older integration), the event's kind and moment for its message, so that
	 * two messages' events of one second are not taken for one replayed.
	 */
	String receiptId() {
		if (eventId != null) {
			return "sendgrid:" + eventId;
		}
		return "sendgrid:" + (messageId != null ? messageId : sendGridMessageId) + ":" + event + ":" + timestamp;
	}

}
