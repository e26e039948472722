package io.parcours.channel.webhook;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Webhook verification keys: {@code PARCOURS_SENDGRID_WEBHOOK_PUBLIC_KEY} (SendGrid's
 * signed Event Webhook verification key, base64). Twilio signs with the account's auth
 * token, {@code PARCOURS_TWILIO_AUTH_TOKEN}.
 */
@ConfigurationProperties("parcours.webhooks")
record WebhookProperties(String sendgridPublicKey) {
}
