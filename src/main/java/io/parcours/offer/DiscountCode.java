package io.parcours.offer;

import java.time.Instant;

/** A single-use code issued to one contact by one journey step. */
public record DiscountCode(String code, String offer, int percent, String contactId, String journey,
		String processInstanceId, Instant issuedAt, Instant validUntil, String redeemedByOrder) {
}
