package io.parcours.contact;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.parcours.config.FieldProblem;
import io.parcours.config.InvalidFieldException;
import io.parcours.config.RefusedException;

import org.springframework.http.HttpStatus;

/**
 * Reads a contacts CSV file: a header naming the columns, then one contact per row, each
 * with the line it starts on. A file whose columns are not ours is refused whole.
 */
final class ContactCsv {

	static final List<String> COLUMNS = List.of("id", "email", "phone", "firstName", "locale", "timeZone",
			"emailConsent", "smsConsent");

	static final int MAX_ROWS = 10_000;

	private static final int SHOWN_UNKNOWN_COLUMNS = 10;

	private static final int SHOWN_NAME_LENGTH = 60;

	private static final CsvMapper CSV = CsvMapper.builder().enable(CsvParser.Feature.WRAP_AS_ARRAY).build();

	/**
	 * A data row: the line it starts on, its non-empty cells by column, and how many
	 * cells it has beyond the header's columns, empty ones too (an unquoted comma shifts
	 * the values after it into the next columns, a consent into another channel's: such a
	 * row cannot be trusted).
	 */
	record Row(long line, Map<String, String> cells, int surplus) {

		String cell(String column) {
			return cells.get(column);
		}

	}

	private ContactCsv() {
	}

	/**
	 * The file's text; bytes that are no text in its charset are refused, not replaced
	 * with question marks.
	 */
	static String decode(byte[] bytes, Charset charset) {
		try {
			return charset.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException notText) {
			throw new InvalidFieldException("body", "is not " + charset.name()
					+ " text: save the file as UTF-8, or name its charset in Content-Type (text/csv; charset=...)");
		}
	}

	static List<Row> read(String text) {
		String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
		refuseControlCharacters(content);
		long rowStart = 1;
		try (MappingIterator<String[]> rows = CSV.readerFor(String[].class)
			.with(CsvSchema.emptySchema())
			.readValues(content)) {
			if (!rows.hasNextValue()) {
				throw new InvalidFieldException("body", "is empty: send a header row, then one contact per row");
			}
			List<String> header = header(rows.nextValue());
			List<Row> read = new ArrayList<>();
			while (true) {
				long line = rows.getCurrentLocation().getLineNr();
				rowStart = line;
				if (!rows.hasNextValue()) {
					break;
				}
				String[] cells = rows.nextValue();
				if (cells.length == 1 && cells[0].isBlank()) {
					continue;
				}
				if (read.size() == MAX_ROWS) {
					throw new RefusedException(HttpStatus.PAYLOAD_TOO_LARGE, "Too many contacts", "body",
							"an import holds at most " + MAX_ROWS + " contacts: split the file");
				}
				read.add(new Row(line, cells(header, cells), surplus(header, cells)));
			}
			if (read.isEmpty()) {
				throw new InvalidFieldException("body", "has no contact after its header row");
			}
			return read;
		}
		catch (IOException | RuntimeJsonMappingException unreadable) {
			// the reader names where it gave up (an unclosed quote: the end of the file)
			throw new InvalidFieldException("body", "is not a readable CSV file: " + readable(unreadable)
					+ "; the row it could not read starts on line " + rowStart);
		}
	}

	/**
	 * A control character is no part of a contact (the CSV reader takes a NUL for the end
	 * of the file, and silently drops the rows after it).
	 */
	private static void refuseControlCharacters(String content) {
		boolean linesEndWithLineFeeds = content.indexOf('\n') >= 0;
		long line = 1;
		for (int i = 0; i < content.length(); i++) {
			char c = content.charAt(i);
			boolean loneCarriageReturn = c == '\r' && (i + 1 == content.length() || content.charAt(i + 1) != '\n');
			if (loneCarriageReturn && linesEndWithLineFeeds) {
				// a file of classic Mac lines ends each with one; elsewhere it breaks a
				// row in
				// two, and the rest of the row would import as a contact of its own
				throw new InvalidFieldException("body",
						("holds a carriage return (U+000D) without a line feed on line %d,"
								+ " in a file whose lines end with line feeds: it would break the row in two; nothing imported")
							.formatted(line));
			}
			if (c == '\n' || loneCarriageReturn) {
				line++;
			}
			else if (Character.isISOControl(c) && c != '\r' && c != '\t' || c == '\u2028' || c == '\u2029') {
				throw new InvalidFieldException("body",
						"holds a control character or line separator (U+%04X) on line %d:".formatted((int) c, line)
								+ " nothing imported");
			}
		}
	}

	/** The CSV reader's own words and line, without the parser's internals. */
	private static String readable(Exception unreadable) {
		Throwable cause = unreadable instanceof RuntimeJsonMappingException && unreadable.getCause() != null
				? unreadable.getCause() : unreadable;
		if (cause instanceof JsonProcessingException json) {
			return json.getOriginalMessage()
					+ (json.getLocation() == null ? "" : " (line " + json.getLocation().getLineNr() + ")");
		}
		return String.valueOf(cause.getMessage());
	}

	private static List<String> header(String[] names) {
		List<FieldProblem> problems = new ArrayList<>();
		Set<String> seen = new HashSet<>();
		int unknown = 0;
		for (int position = 1; position <= names.length; position++) {
			String column = names[position - 1].strip();
			if (column.isEmpty()) {
				// a spreadsheet's export ending its header with a comma
				problems.add(new FieldProblem("header", "has no name in column " + position
						+ ": remove the empty column (a comma at the end of the header?)"));
			}
			else if (!COLUMNS.contains(column) && ++unknown <= SHOWN_UNKNOWN_COLUMNS) {
				problems.add(new FieldProblem("header." + shown(column),
						"is not a column of contacts; columns: " + COLUMNS));
			}
			else if (COLUMNS.contains(column) && !seen.add(column)) {
				problems.add(new FieldProblem("header." + column, "is given twice"));
			}
		}
		if (unknown > SHOWN_UNKNOWN_COLUMNS) {
			problems.add(new FieldProblem("header", "has " + (unknown - SHOWN_UNKNOWN_COLUMNS)
					+ " more columns that are no columns of contacts; columns: " + COLUMNS));
		}
		if (!seen.contains("id")) {
			problems.add(new FieldProblem("header.id", "is missing: every contact needs its id"));
		}
		if (!problems.isEmpty()) {
			throw new InvalidFieldException(problems);
		}
		return List.of(names).stream().map(String::strip).toList();
	}

	/**
	 * A column name as a problem names it: a whole line read as one name (a file in
	 * another format) would fill the answer.
	 */
	private static String shown(String column) {
		return column.length() <= SHOWN_NAME_LENGTH ? column : column.substring(0, SHOWN_NAME_LENGTH) + "…";
	}

	private static int surplus(List<String> header, String[] values) {
		return Math.max(0, values.length - header.size());
	}

	private static Map<String, String> cells(List<String> header, String[] values) {
		Map<String, String> cells = new LinkedHashMap<>();
		for (int i = 0; i < Math.min(header.size(), values.length); i++) {
			String value = values[i].strip();
			if (!value.isEmpty()) {
				cells.put(header.get(i), value);
			}
		}
		return cells;
	}

}
