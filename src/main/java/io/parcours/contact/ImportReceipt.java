package io.parcours.contact;

import java.util.List;

/** The answer to {@code POST /api/contacts/import}: counts, then one result per row. */
record ImportReceipt(int created, int updated, int rejected, List<ImportResult> results) {

	static ImportReceipt of(List<ImportResult> results) {
		int created = (int) results.stream().filter(ImportResult::created).count();
		int updated = (int) results.stream().filter(ImportResult::updated).count();
		return new ImportReceipt(created, updated, results.size() - created - updated, results);
	}

}
