package io.parcours.event;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * One event's outcome in a batch, at its position: {@code status} is what
 * {@code POST /api/events} would have answered (202 accepted, 200 duplicate, 400 invalid
 * with the problem naming the field, 422 unknown contact).
 */
public record BatchResult(int index, String id, int status, Boolean duplicate, Boolean processed,
		ProblemDetail problem) {

	static BatchResult of(int index, EventReceipt receipt) {
		HttpStatus status = receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED;
		return new BatchResult(index, receipt.id(), status.value(), receipt.duplicate(), receipt.processed(), null);
	}

	static BatchResult refused(int index, String id, ProblemDetail problem) {
		return new BatchResult(index, id, problem.getStatus(), null, null, problem);
	}

	boolean accepted() {
		return status == HttpStatus.ACCEPTED.value();
	}

	boolean isDuplicate() {
		return Boolean.TRUE.equals(duplicate);
	}

}
