package io.parcours.offer;

/**
 * A discount a journey can hand out: how much off, and for how long the code is valid.
 */
public record Offer(int percent, int validDays) {

	public Offer {
		if (percent <= 0 || percent > 100) {
			throw new IllegalArgumentException("an offer's percent must be between 1 and 100, not " + percent);
		}
		if (validDays <= 0) {
			throw new IllegalArgumentException("an offer must be valid for at least one day, not " + validDays);
		}
	}

}
