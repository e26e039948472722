package io.parcours.channel.provider;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** The sender of every email: {@code PARCOURS_EMAIL_FROM}. */
@ConfigurationProperties("parcours.email")
public record EmailProperties(String from, String fromName) {
}
