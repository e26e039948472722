package io.parcours.contact;

import org.springframework.http.ProblemDetail;

/**
 * One row's outcome: 201 created, 200 updated, or 400 with the problem naming its
 * columns.
 */
record ImportResult(long line, String id, int status, ProblemDetail problem) {

	boolean created() {
		return status == 201;
	}

	boolean updated() {
		return status == 200;
	}

}
