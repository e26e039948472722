package io.parcours.channel;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Values every message template may use ({@code {{shopUrl}}},
 * {@code {{welcomeCouponCode}}}, ...), set once in configuration rather than in each
 * diagram.
 */
@ConfigurationProperties("parcours.messages")
public record TemplateProperties(@DefaultValue Map<String, String> globals) {
}
