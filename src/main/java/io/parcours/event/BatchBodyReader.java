package io.parcours.event;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Reads a batch's array of events. An event nested deeper than a single event may be is a
 * problem of that event, not of the batch: the array is read allowing more depth, and
 * each event's own depth is checked as {@code POST /api/events} checks it.
 */
@Component
class BatchBodyReader {

	/** What the JSON reader allows a single request (Jackson's default). */
	static final int EVENT_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

	/** The batch's array, around events of the greatest depth and then some. */
	static final int BATCH_DEPTH = 20 * EVENT_DEPTH;

	private final ObjectReader reader;

	BatchBodyReader(ObjectMapper mapper) {
		ObjectMapper deeper = mapper.copy();
		deeper.getFactory()
			.setStreamReadConstraints(
					deeper.getFactory().streamReadConstraints().rebuild().maxNestingDepth(BATCH_DEPTH).build());
		this.reader = deeper.readerFor(new TypeReference<List<JsonNode>>() {
		});
	}

	/** The events, or the problem of the body as a whole (answered as for any body). */
	List<JsonNode> read(byte[] body, HttpInputMessage message) {
		List<JsonNode> events;
		try {
			events = reader.readValue(body);
		}
		catch (IOException unreadable) {
			throw new HttpMessageNotReadableException("The batch cannot be read: " + unreadable.getMessage(),
					unreadable, message);
		}
		if (events == null) {
			throw new InvalidFieldException("body", "is missing or empty");
		}
		return events;
	}

	/**
	 * Refuses an event nested deeper than a single event may be (413 naming its field, as
	 * the single endpoint answers); read iteratively, whatever the depth.
	 */
	static void checkDepth(JsonNode event) {
		if (!event.isObject()) {
			return;
		}
		for (Map.Entry<String, JsonNode> field : event.properties()) {
			depthBeyond(field.getValue(), EVENT_DEPTH - 1).ifPresent(depth -> {
				throw new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Request too large", field.getKey(),
						field.getKey() + " is larger than the server reads: Document nesting depth (" + depth
								+ ") exceeds the maximum allowed (" + EVENT_DEPTH + ")");
			});
		}
	}

	/** The first depth past {@code allowed} the node reaches, counting itself as 1. */
	private static Optional<Integer> depthBeyond(JsonNode node, int allowed) {
		record Level(JsonNode node, int depth) {
		}
		Deque<Level> open = new ArrayDeque<>();
		open.push(new Level(node, 1));
		while (!open.isEmpty()) {
			Level level = open.pop();
			if (!level.node().isContainerNode()) {
				continue;
			}
			if (level.depth() > allowed) {
				return Optional.of(level.depth() + 1);
			}
			level.node().forEach(child -> open.push(new Level(child, level.depth() + 1)));
		}
		return Optional.empty();
	}

}
