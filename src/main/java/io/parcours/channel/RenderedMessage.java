package io.parcours.channel;

/**
 * A template rendered for one contact: subject (email only) and body (HTML for email,
 * text for SMS).
 */
public record RenderedMessage(String subject, String body) {
}
