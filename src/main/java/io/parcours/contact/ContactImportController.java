package io.parcours.contact;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /api/contacts/import}: a CSV file of contacts, for the shop's base. */
@RestController
class ContactImportController {

	private final ContactImport imports;

	ContactImportController(ContactImport imports) {
		this.imports = imports;
	}

	/** UTF-8 unless the request says otherwise (HTTP's default for text is Latin-1). */
	@PostMapping(path = "/api/contacts/import", consumes = "text/csv")
	ImportReceipt importContacts(@RequestBody byte[] csv, @RequestHeader(HttpHeaders.CONTENT_TYPE) MediaType type,
			Principal principal) {
		Charset charset = type.getCharset() != null ? type.getCharset() : StandardCharsets.UTF_8;
		return imports.run(ContactCsv.decode(csv, charset), principal.getName());
	}

}
