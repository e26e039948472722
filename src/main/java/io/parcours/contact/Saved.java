package io.parcours.contact;

/** A contact as saved, and whether saving it created it. */
public record Saved(Contact contact, boolean created) {
}
