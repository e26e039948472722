package io.parcours.channel;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import io.parcours.contact.Channel;

/**
 * A journey step asking for template T on channel C to its contact. The idempotency key
 * stays the same when the step's job is retried, so a retry finds the first attempt's
 * record instead of sending again.
 */
public record SendRequest(String idempotencyKey, String contactId, Channel channel, String template, String journey,
		String processInstanceId, String step, String variant, Map<String, Object> data, MessageCategory category) {

	public SendRequest {
		data = data == null ? Map.of() : withoutNulls(data);
		category = category == null ? MessageCategory.MARKETING : category;
	}

	/** A marketing message. */
	public SendRequest(String idempotencyKey, String contactId, Channel channel, String template, String journey,
			String processInstanceId, String step, String variant, Map<String, Object> data) {
		this(idempotencyKey, contactId, channel, template, journey, processInstanceId, step, variant, data,
				MessageCategory.MARKETING);
	}

	/**
	 * A journey variable without a value (an optional property not given, a lead routed
	 * to a group rather than a rep) has nothing to render.
	 */
	private static Map<String, Object> withoutNulls(Map<String, Object> data) {
		Map<String, Object> values = new HashMap<>(data);
		values.values().removeIf(Objects::isNull);
		return Map.copyOf(values);
	}

	public boolean marketing() {
		return category == MessageCategory.MARKETING;
	}

}
