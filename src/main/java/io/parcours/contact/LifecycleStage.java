package io.parcours.contact;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a contact stands in the relationship, from first sign-up to lapsed customer. */
public enum LifecycleStage {

	SUBSCRIBER("subscriber"), LEAD("lead"), SALES_QUALIFIED("sales-qualified"), OPPORTUNITY("opportunity"),
	DISQUALIFIED("disqualified"), ACTIVE("active"), LAPSED("lapsed");

	private final String value;

	LifecycleStage(String value) {
		this.value = value;
	}

	@JsonValue
	public String value() {
		return value;
	}

	public static LifecycleStage fromValue(String value) {
		for (LifecycleStage stage : values()) {
			if (stage.value.equals(value)) {
				return stage;
			}
		}
		throw new IllegalArgumentException("unknown lifecycle stage '" + value + "'");
	}

	@Override
	public String toString() {
		return value;
	}

}
