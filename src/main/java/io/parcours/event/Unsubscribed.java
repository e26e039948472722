package io.parcours.event;

import java.util.EnumSet;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonValue;

import io.parcours.contact.Channel;

import jakarta.validation.constraints.NotNull;

/** {@code contact.unsubscribed}: consent withdrawn on one channel or all. */
public record Unsubscribed(@NotNull Scope channel) {

	public enum Scope {

		EMAIL(EnumSet.of(Channel.EMAIL)), SMS(EnumSet.of(Channel.SMS)), ALL(EnumSet.allOf(Channel.class));

		private final Set<Channel> channels;

		Scope(Set<Channel> channels) {
			this.channels = channels;
		}

		public Set<Channel> channels() {
			return channels;
		}

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
