package io.parcours.channel;

/**
 * Hands a message to an email or SMS provider. Implementations throw a
 * {@link ProviderException} subtype that says what the failure means for the message:
 * retry, reject, unknown outcome or misconfiguration.
 */
public interface MessageProvider {

	String name();

	ProviderReceipt send(OutboundMessage message);

}
