package io.parcours.contact;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.parcours.config.ApiProblems;
import io.parcours.config.FieldProblem;
import io.parcours.config.JsonPaths;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Imports contacts from a CSV file: each row is merged like an event's {@code contact}
 * block (an empty cell keeps what is stored), in its own transaction, with consents
 * recorded as given by the import. A bad row is reported and skipped; the others go in.
 */
@Service
class ContactImport {

	private final ContactService contacts;

	private final Validator validator;

	private final Clock clock;

	private final ContactId.Validator ids = new ContactId.Validator();

	/** A little more than an id may have, so that the answer shows it is too long. */
	static final int QUOTED_ID = 120;

	ContactImport(ContactService contacts, Validator validator, Clock clock) {
		this.contacts = contacts;
		this.validator = validator;
		this.clock = clock;
	}

	ImportReceipt run(String csv, String user) {
		Instant now = clock.instant();
		List<ImportResult> results = new ArrayList<>();
		for (ContactCsv.Row row : ContactCsv.read(csv)) {
			results.add(importRow(row, now, "import:" + user));
		}
		return ImportReceipt.of(results);
	}

	private ImportResult importRow(ContactCsv.Row row, Instant now, String source) {
		String id = row.cell("id");
		List<FieldProblem> problems = idAndShapeProblems(row, id);
		Map<Channel, Boolean> consents = new EnumMap<>(Channel.class);
		consent(row, "emailConsent", Channel.EMAIL, consents, problems);
		consent(row, "smsConsent", Channel.SMS, consents, problems);
		ContactDetails details = new ContactDetails(row.cell("email"), row.cell("phone"), row.cell("firstName"),
				row.cell("locale"), row.cell("timeZone"), consents);
		for (ConstraintViolation<ContactDetails> violation : validator.validate(details)) {
			problems.add(new FieldProblem(JsonPaths.of(violation.getPropertyPath()), violation.getMessage()));
		}
		if (!problems.isEmpty()) {
			problems.sort(Comparator.comparing(FieldProblem::field));
			return new ImportResult(row.line(), quoted(id), HttpStatus.BAD_REQUEST.value(),
					ApiProblems.invalid(problems));
		}
		boolean created = contacts.createOrMerge(id, details, now, source).created();
		return new ImportResult(row.line(), id, (created ? HttpStatus.CREATED : HttpStatus.OK).value(), null);
	}

	/**
	 * A refused id as the answer quotes it: its start, so that a whole file read as one
	 * id does not come back whole.
	 */
	private static String quoted(String id) {
		return id == null || id.length() <= QUOTED_ID ? id : id.substring(0, QUOTED_ID) + "…";
	}

	private List<FieldProblem> idAndShapeProblems(ContactCsv.Row row, String id) {
		List<FieldProblem> problems = new ArrayList<>();
		if (id == null || !ids.isValid(id, null)) {
			problems.add(new FieldProblem("id", id == null ? "is missing" : ContactId.MESSAGE));
		}
		if (row.surplus() > 0) {
			problems.add(new FieldProblem("row", "has " + row.surplus()
					+ " more cells than the header has columns: quote a value that holds a comma"));
		}
		return problems;
	}

	private static void consent(ContactCsv.Row row, String column, Channel channel, Map<Channel, Boolean> consents,
			List<FieldProblem> problems) {
		String value = row.cell(column);
		if (value == null) {
			return;
		}
		switch (value.toLowerCase()) {
			case "true" -> consents.put(channel, true);
			case "false" -> consents.put(channel, false);
			default -> problems.add(new FieldProblem(column, "must be true, false or empty"));
		}
	}

}
