package io.parcours.channel;

import java.util.Optional;

import io.parcours.contact.Channel;
import io.parcours.contact.Contact;

import org.springframework.stereotype.Component;

/**
 * Decides, before every send, whether this message may go to this contact on this
 * channel.
 */
@Component
class DeliveryPolicy {

	/** The reason not to send, or empty when the message may go. */
	Optional<String> refusal(Contact contact, Channel channel) {
		if (contact == null) {
			return Optional.of(SkipReason.UNKNOWN_CONTACT);
		}
		if (!contact.consentsTo(channel)) {
			return Optional.of(SkipReason.NO_CONSENT);
		}
		if (contact.addressFor(channel) == null) {
			return Optional.of(SkipReason.NO_ADDRESS);
		}
		return Optional.empty();
	}

}
