package io.parcours.channel;

/** The provider accepted the message and gave it this id. */
public record ProviderReceipt(String providerMessageId) {
}
