package io.parcours.channel;

import java.time.Instant;

import io.parcours.contact.Channel;

/**
 * One row of the {@code message} table: every message a journey meant to send, sent or
 * not, with the reason of each decision.
 */
public record MessageRecord(String id, String idempotencyKey, String contactId, Channel channel, String provider,
		String template, String journey, String processInstanceId, String step, String variant, MessageStatus status,
		String reason, String providerMessageId, String recipient, String subject, String body, int attempts,
		Instant createdAt, Instant updatedAt, Instant sentAt, MessageCategory category, Instant deferredUntil) {
}
