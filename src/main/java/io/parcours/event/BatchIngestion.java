package io.parcours.event;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import io.parcours.config.ApiProblems;
import io.parcours.config.FieldProblem;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.JsonPaths;
import io.parcours.config.RefusedException;

import jakarta.validation.Validator;

import org.springframework.stereotype.Service;

/**
 * Accepts a batch of events one by one, exactly as {@code POST /api/events} would: a bad
 * or refused event gets its own problem and does not stop the others. Each event is
 * stored and processed in its own transactions, so a batch cut short (the database went
 * away) can be sent again whole: what was stored comes back as duplicates.
 */
@Service
class BatchIngestion {

	private final EventIngestion ingestion;

	/** Strict like a single event's body: an unknown field is refused, named. */
	private final ObjectReader reader;

	private final Validator validator;

	private final BatchBodyReader bodies;

	BatchIngestion(EventIngestion ingestion, BatchBodyReader bodies, ObjectMapper mapper, Validator validator) {
		this.ingestion = ingestion;
		this.bodies = bodies;
		this.reader = mapper.readerFor(EventRequest.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
		this.validator = validator;
	}

	List<BatchResult> accept(List<TokenBuffer> events) {
		List<BatchResult> results = new ArrayList<>(events.size());
		for (int index = 0; index < events.size(); index++) {
			results.add(acceptOne(index, events.get(index)));
		}
		return results;
	}

	private BatchResult acceptOne(int index, TokenBuffer read) {
		String id = null;
		try {
			JsonNode event = bodies.event(read);
			id = event.path("id").isTextual() ? event.path("id").asText() : null;
			return BatchResult.of(index, ingestion.accept(request(event)));
		}
		catch (InvalidFieldException invalid) {
			return BatchResult.refused(index, id, ApiProblems.invalid(invalid.problems()));
		}
		catch (RefusedException refused) {
			return BatchResult.refused(index, id, ApiProblems.refusal(refused));
		}
	}

	private EventRequest request(JsonNode event) {
		BatchBodyReader.checkDepth(event);
		EventRequest request;
		try {
			request = reader.readValue(event);
		}
		catch (IOException | IllegalArgumentException unreadable) {
			throw new InvalidFieldException(List.of(ApiProblems.unreadable(unreadable)));
		}
		if (request == null) {
			throw new InvalidFieldException("body", "must be an event object");
		}
		List<FieldProblem> problems = validator.validate(request)
			.stream()
			.map(violation -> new FieldProblem(JsonPaths.of(violation.getPropertyPath()), violation.getMessage()))
			.sorted(Comparator.comparing(FieldProblem::field))
			.toList();
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
		return request;
	}

}
