package io.parcours.event;

/** For event types that carry no properties. */
public record NoProperties() {
}
