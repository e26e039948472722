package io.parcours.channel;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Why a message is sent. Marketing messages respect quiet hours and count toward the
 * frequency cap; transactional ones (an order's thank-you, a receipt) answer something
 * the contact just did and are exempt from both. Consent and suppression apply to both.
 */
public enum MessageCategory {

	MARKETING, TRANSACTIONAL;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/** The send step's {@code category} input; a step without one sends marketing. */
	public static MessageCategory fromValue(String value) {
		if (value == null || value.isBlank()) {
			return MARKETING;
		}
		for (MessageCategory category : values()) {
			if (category.value().equalsIgnoreCase(value.strip())) {
				return category;
			}
		}
		throw new IllegalArgumentException(
				"unknown message category '" + value + "', expected marketing or transactional");
	}

}
