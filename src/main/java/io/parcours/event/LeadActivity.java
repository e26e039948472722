package io.parcours.event;

import com.fasterxml.jackson.annotation.JsonValue;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** {@code lead.activity}: something a lead did that says how interested they are. */
public record LeadActivity(@NotNull Activity activity, @Size(max = 2000) String url) {

	public enum Activity {

		PAGE_VIEWED, PRICING_VIEWED, CONTENT_DOWNLOADED, WEBINAR_ATTENDED, DEMO_REQUESTED, EMAIL_OPENED, EMAIL_CLICKED;

		@JsonValue
		public String value() {
			return name().toLowerCase();
		}

		@Override
		public String toString() {
			return value();
		}

	}

}
