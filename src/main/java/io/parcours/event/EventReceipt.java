package io.parcours.event;

/**
 * The answer to an event: {@code accepted} (stored; {@code processed} says whether its
 * effects are already applied or will be by the retry) or {@code duplicate} (seen before,
 * no second effect).
 */
public record EventReceipt(String id, boolean duplicate, boolean processed) {
}
