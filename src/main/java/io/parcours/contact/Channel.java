package io.parcours.contact;

import com.fasterxml.jackson.annotation.JsonValue;

/** A way to reach a contact. Consent is given or withdrawn per channel. */
public enum Channel {

	EMAIL("email"), SMS("sms");

	private final String value;

	Channel(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return value;
	}

	public static Channel fromValue(String value) {
		for (Channel channel : values()) {
			if (channel.value.equalsIgnoreCase(value)) {
				return channel;
			}
		}
		throw new IllegalArgumentException("unknown channel '" + value + "'");
	}

	@Override
	public String toString() {
		return value;
	}

}
