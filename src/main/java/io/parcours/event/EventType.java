package io.parcours.event;

import com.fasterxml.jackson.annotation.JsonValue;

/** The event types of DESIGN.md §4, each with the shape of its {@code properties}. */
public enum EventType {

	SIGNED_UP("contact.signed_up", NoProperties.class), CART_ABANDONED("cart.abandoned", CartAbandoned.class),
	ORDER_COMPLETED("order.completed", OrderCompleted.class), LEAD_CREATED("lead.created", LeadCreated.class),
	LEAD_ACTIVITY("lead.activity", LeadActivity.class), UNSUBSCRIBED("contact.unsubscribed", Unsubscribed.class);

	private final String value;

	private final Class<?> properties;

	EventType(String value, Class<?> properties) {
		this.value = value;
		this.properties = properties;
	}

	@JsonValue
	public String value() {
		return value;
	}

	public Class<?> properties() {
		return properties;
	}

	public static EventType fromValue(String value) {
		for (EventType type : values()) {
			if (type.value.equals(value)) {
				return type;
			}
		}
		throw new IllegalArgumentException("unknown event type '" + value + "'");
	}

	@Override
	public String toString() {
		return value;
	}

}
