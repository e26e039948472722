package io.parcours.sales;

import io.parcours.journey.NonRetryable;
import io.parcours.journey.RetriedFailure;

/** The CRM did not take the opportunity. */
abstract class CrmException extends RuntimeException {

	private final Integer status;

	CrmException(String message, Integer status) {
		super(message);
		this.status = status;
	}

	Integer status() {
		return status;
	}

	/**
	 * Down, timing out or overloaded: the engine retries the job with backoff (each
	 * attempt a warning, the incident once the retries are spent; no error line).
	 */
	static class Unavailable extends CrmException implements RetriedFailure {

		Unavailable(String message, Integer status) {
			super(message, status);
		}

	}

	/**
	 * The CRM refused the request itself (4xx): retrying cannot help, ops see an
	 * incident.
	 */
	static class Rejected extends CrmException implements NonRetryable {

		Rejected(String message, Integer status) {
			super(message, status);
		}

	}

}
