package io.parcours.event;

import java.util.List;

/**
 * The answer to {@code POST /api/events:batch}: counts, then one result per event, in
 * order.
 */
public record BatchReceipt(int accepted, int duplicates, int rejected, List<BatchResult> results) {

	static BatchReceipt of(List<BatchResult> results) {
		int accepted = (int) results.stream().filter(BatchResult::accepted).count();
		int duplicates = (int) results.stream().filter(BatchResult::isDuplicate).count();
		return new BatchReceipt(accepted, duplicates, results.size() - accepted - duplicates, results);
	}

}
