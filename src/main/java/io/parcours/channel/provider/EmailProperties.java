package io.parcours.channel.provider;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The sender of every email: {@code PARCOURS_EMAIL_FROM}. Checked at startup: an empty
 * sender would only show up as rejected emails, one journey at a time.
 */
@ConfigurationProperties("parcours.email")
@Validated
public record EmailProperties(@NotBlank @Email String from, String fromName) {
}
