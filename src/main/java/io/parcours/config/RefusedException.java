package io.parcours.config;

import org.springframework.http.HttpStatus;

/**
 * A well-formed request we refuse for a domain reason (unknown contact, ...), answered as
 * a problem.
 */
public class RefusedException extends RuntimeException {

	private final HttpStatus status;

	private final String title;

	private final String field;

	public RefusedException(HttpStatus status, String title, String field, String detail) {
		super(detail);
		this.status = status;
		this.title = title;
		this.field = field;
	}

	public HttpStatus status() {
		return status;
	}

	public String title() {
		return title;
	}

	public String field() {
		return field;
	}

}
