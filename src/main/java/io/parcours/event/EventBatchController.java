package io.parcours.event;

import java.util.List;

import com.fasterxml.jackson.databind.util.TokenBuffer;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/events:batch}: up to {@value #MAX_EVENTS} events for importers. */
@RestController
class EventBatchController {

	static final int MAX_EVENTS = 1000;

	private final BatchIngestion batches;

	private final BatchBodyReader bodies;

	EventBatchController(BatchIngestion batches, BatchBodyReader bodies) {
		this.batches = batches;
		this.bodies = bodies;
	}

	/**
	 * 200 with one result per event, in order; 413 for more than {@value #MAX_EVENTS}.
	 */
	@PostMapping(path = "/api/events:batch", consumes = MediaType.APPLICATION_JSON_VALUE)
	BatchReceipt receive(@RequestBody byte[] body, HttpServletRequest request) {
		List<TokenBuffer> events = bodies.read(body, new ServletServerHttpRequest(request));
		if (events.isEmpty()) {
			throw new InvalidFieldException("body", "must hold at least one event");
		}
		if (events.size() > MAX_EVENTS) {
			throw new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Batch too large", "body",
					"a batch holds at most " + MAX_EVENTS + " events, this one " + events.size()
							+ ": split it and send the parts one after the other");
		}
		return BatchReceipt.of(batches.accept(events));
	}

}
