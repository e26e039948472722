package io.parcours.event;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;

import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;

import org.springframework.http.HttpInputMessage;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;

/**
 * Reads a batch's array of events. What is wrong inside one event is a problem of that
 * event, not of the batch: the array is read allowing more depth and repeated fields,
 * then each event is read on its own, its depth and its fields checked as
 * {@code POST /api/events} checks them.
 */
@Component
class BatchBodyReader {

	/** What the JSON reader allows a single request (Jackson's default). */
	static final int EVENT_DEPTH = StreamReadConstraints.DEFAULT_MAX_DEPTH;

	/** The batch's array, around events of the greatest depth and then some. */
	static final int BATCH_DEPTH = 20 * EVENT_DEPTH;

	private final ObjectReader batchReader;

	private final ObjectReader eventReader;

	BatchBodyReader(ObjectMapper mapper) {
		ObjectMapper lenient = deeper(mapper);
		lenient.getFactory().disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
		this.batchReader = lenient.readerFor(new TypeReference<List<TokenBuffer>>() {
		});
		this.eventReader = deeper(mapper).readerFor(JsonNode.class);
	}

	private static ObjectMapper deeper(ObjectMapper mapper) {
		ObjectMapper deeper = mapper.copy();
		deeper.getFactory()
			.setStreamReadConstraints(
					deeper.getFactory().streamReadConstraints().rebuild().maxNestingDepth(BATCH_DEPTH).build())
			.setStreamWriteConstraints(
					deeper.getFactory().streamWriteConstraints().rebuild().maxNestingDepth(BATCH_DEPTH).build());
		return deeper;
	}

	/**
	 * The events as read, each to be checked by {@link #event}, or the problem of the
	 * body as a whole (answered as for any body).
	 */
	List<TokenBuffer> read(byte[] body, HttpInputMessage message) {
		List<TokenBuffer> events;
		try {
			events = batchReader.readValue(body);
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
	 * One event of the batch: a field given twice in it is refused naming the field
	 * (400), as the single endpoint answers.
	 */
	JsonNode event(TokenBuffer read) {
		if (read == null) {
			// a JSON null in the array: refused as the other items that are no event
			return NullNode.getInstance();
		}
		JsonNode event;
		try (JsonParser parser = read.asParser()) {
			// the buffer replays tokens: fields given twice are found by reading them
			// again
			event = eventReader.readTree(eventReader.getFactory().createParser(serialized(parser)));
		}
		catch (JsonParseException repeated) {
			throw new InvalidFieldException(repeatedField(repeated),
					"is given twice in this event: which one is" + " meant cannot be told; send it once");
		}
		catch (IOException unreadable) {
			throw new IllegalStateException("An event of the batch read once cannot be read again", unreadable);
		}
		return event;
	}

	private byte[] serialized(JsonParser tokens) throws IOException {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (JsonGenerator out = eventReader.getFactory().createGenerator(bytes)) {
			tokens.nextToken();
			out.copyCurrentStructure(tokens);
		}
		return bytes.toByteArray();
	}

	/**
	 * {@code properties.value}, from where the reader stood when it met the field again.
	 */
	private static String repeatedField(JsonParseException repeated) {
		JsonParser parser = repeated.getProcessor();
		String pointer = parser == null ? "" : parser.getParsingContext().pathAsPointer().toString();
		return pointer.isEmpty() ? "body"
				: pointer.substring(1).replace('/', '.').replaceAll("\\.(\\d+)(?=\\.|$)", "[$1]");
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
