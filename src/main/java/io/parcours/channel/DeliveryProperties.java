package io.parcours.channel;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.parcours.contact.Channel;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

/**
 * The delivery policy's settings ({@code parcours.delivery.*}, see application.yaml for
 * their environment variables): quiet hours per channel and the frequency cap on
 * marketing messages.
 */
@ConfigurationProperties("parcours.delivery")
public record DeliveryProperties(@DefaultValue Map<Channel, QuietHours> quietHours,
		@DefaultValue FrequencyCap frequencyCap) {

	public QuietHours quietHoursOf(Channel channel) {
		return quietHours.getOrDefault(channel, QuietHours.NONE);
	}

	/**
	 * At most {@code maxMessages} marketing messages per contact within {@code window},
	 * across all journeys and channels; 0 turns the cap off.
	 */
	public record FrequencyCap(@DefaultValue("3") int maxMessages,
			@DefaultValue("P7D") @DurationUnit(ChronoUnit.DAYS) Duration window) {

		public FrequencyCap {
			if (maxMessages < 0 || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException(
						"parcours.delivery.frequency-cap needs max-messages of 0 (off) or more and a positive window (P7D, or 7 for days), not "
								+ maxMessages + " in " + window);
			}
		}

		public boolean enabled() {
			return maxMessages > 0;
		}

	}

}
