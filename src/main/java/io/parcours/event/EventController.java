package io.parcours.event;

import jakarta.validation.Valid;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

@RestController
class EventController {

	private final EventIngestion ingestion;

	EventController(EventIngestion ingestion) {
		this.ingestion = ingestion;
	}

	/**
	 * 202 on first receipt, 200 with {@code duplicate: true} when the id was seen before.
	 */
	@PostMapping("/api/events")
	ResponseEntity<EventReceipt> receive(@Valid @RequestBody EventRequest request) {
		EventReceipt receipt = ingestion.accept(request);
		return ResponseEntity.status(receipt.duplicate() ? HttpStatus.OK : HttpStatus.ACCEPTED).body(receipt);
	}

}
