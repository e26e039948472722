package io.parcours.contact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.parcours.ParcoursTest;
import io.parcours.TestContacts;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

/**
 * {@code POST /api/contacts/import}: a shop's base as CSV, merged contact by contact, a
 * bad row reported without stopping the others.
 */
@ParcoursTest
class ContactImportIntegrationTests {

	static final MediaType CSV = MediaType.parseMediaType("text/csv");

	@Autowired
	MockMvc mvc;

	final ObjectMapper json = new ObjectMapper();

	@Autowired
	ContactService contacts;

	@Test
	void createsAndMergesContactsReportingABadRowWithoutStoppingTheOthers() throws Exception {
		String known = TestContacts.newId("imp");
		contacts.merge(known,
				new ContactDetails("old@example.com", "+33612345678", "Old", "en", "Europe/London", Map.of()),
				Instant.now(), "test");
		String fresh = TestContacts.newId("imp");
		String bad = TestContacts.newId("imp");

		importCsv("mia", """
				id,email,phone,firstName,locale,timeZone,emailConsent,smsConsent
				%s,lea@example.com,+33 6 98 76 54 32,"Léa, la première",fr-FR,Europe/Paris,true,false
				%s,,,Olivia,,,true,
				%s,,+33 1,,,,,
				ana@example.com,ana@example.com,,,,,true,
				""".formatted(fresh, known, bad)).andExpect(status().isOk())
			.andExpect(jsonPath("$.created").value(1))
			.andExpect(jsonPath("$.updated").value(1))
			.andExpect(jsonPath("$.rejected").value(2))
			.andExpect(jsonPath("$.results[0].line").value(2))
			.andExpect(jsonPath("$.results[0].status").value(201))
			.andExpect(jsonPath("$.results[1].status").value(200))
			.andExpect(jsonPath("$.results[2].line").value(4))
			.andExpect(jsonPath("$.results[2].status").value(400))
			.andExpect(jsonPath("$.results[2].problem.errors[0].field").value("phone"))
			.andExpect(jsonPath("$.results[3].problem.errors[0].field").value("id"));

		Contact lea = contacts.find(fresh).orElseThrow();
		assertThat(lea.firstName()).isEqualTo("Léa, la première");
		assertThat(lea.phone()).isEqualTo("+33698765432");
		assertThat(lea.consents().get(Channel.EMAIL).granted()).isTrue();
		assertThat(lea.consents().get(Channel.EMAIL).source()).isEqualTo("import:mia");
		Contact merged = contacts.find(known).orElseThrow();
		assertThat(merged.firstName()).isEqualTo("Olivia");
		assertThat(merged.email()).isEqualTo("old@example.com");
		assertThat(merged.phone()).isEqualTo("+33612345678");
		assertThat(contacts.find(bad)).isEmpty();
	}

	/**
	 * Rows of one file share the import's moment; a later row about the same person wins,
	 * also when the moment stored for the earlier one was rounded up.
	 */
	@Test
	void aLaterRowAboutTheSamePersonWithdrawsTheConsentAnEarlierOneGave() throws Exception {
		List<String> ids = IntStream.range(0, 6).mapToObj(i -> TestContacts.newId("imp")).toList();
		StringBuilder csv = new StringBuilder("id,email,emailConsent\n");
		ids.forEach(id -> csv.append(id).append(",first@example.com,true\n"));
		ids.forEach(id -> csv.append(id).append(",second@example.com,false\n"));

		importCsv("mia", csv.toString()).andExpect(status().isOk());

		for (String id : ids) {
			Contact contact = contacts.find(id).orElseThrow();
			assertThat(contact.email()).isEqualTo("second@example.com");
			assertThat(contact.consents().get(Channel.EMAIL).granted()).as(id).isFalse();
		}
	}

	@Test
	void reportsTheLineEachRowStartsOnAcrossQuotedLineBreaks() throws Exception {
		String first = TestContacts.newId("imp");
		String second = TestContacts.newId("imp");
		String csv = "\uFEFFfirstName,id,phone\r\n\"Ana\r\nMaria\",%s,\r\nBen,%s,+33 1\r\n".formatted(first, second);

		importCsv("mia", csv).andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].line").value(2))
			.andExpect(jsonPath("$.results[0].status").value(400))
			.andExpect(jsonPath("$.results[0].problem.errors[0].field").value("firstName"))
			.andExpect(jsonPath("$.results[1].line").value(4))
			.andExpect(jsonPath("$.results[1].id").value(second))
			.andExpect(jsonPath("$.results[1].problem.errors[0].field").value("phone"));
		// a line break is no part of a name: it would break the subject of every email
		assertThat(contacts.find(first)).isEmpty();
	}

	@Test
	void rejectsARowWithMoreCellsThanColumns() throws Exception {
		String shifted = TestContacts.newId("imp");
		importCsv("mia", "id,firstName\n%s,Doe, John\n".formatted(shifted)).andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(1))
			.andExpect(jsonPath("$.results[0].problem.errors[0].field").value("row"));
		assertThat(contacts.find(shifted)).isEmpty();

		// the cell pushed past the last column is empty: the shift still moved a consent
		String hidden = TestContacts.newId("imp");
		importCsv("mia", "id,firstName,locale,emailConsent,smsConsent\n%s,Smith, Jo,,true,\n".formatted(hidden))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.rejected").value(1))
			// " Jo" in the locale column is no language either
			.andExpect(jsonPath("$.results[0].problem.errors[*].field")
				.value(org.hamcrest.Matchers.hasItems("row", "locale")))
			.andExpect(jsonPath("$.results[0].problem.errors[?(@.field == 'row')].message").value(org.hamcrest.Matchers
				.hasItem("has 1 more cells than the header has columns: quote a value that holds a comma")));
		assertThat(contacts.find(hidden)).isEmpty();
	}

	@Test
	void refusesAFileWhoseColumnsAreNotOurs() throws Exception {
		importCsv("mia", "id,email,shoeSize\nc-1,a@example.com,42\n").andExpect(status().isBadRequest())
			.andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors[0].field").value("header.shoeSize"));
		importCsv("mia", "email,firstName\na@example.com,Ana\n").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("header.id"));
		importCsv("mia", "id,email,email\nc-1,a@example.com,b@example.com\n").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("header.email"));
		importCsv("mia", "id,email\n").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"));
		importCsv("mia", "id,email\nc-1,a@example.com\n\"unterminated,a@b.c\nc-3,c@example.com\n")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message")
				.value(org.hamcrest.Matchers.endsWith("the row it could not read starts on line 3")))
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message")
				.value(org.hamcrest.Matchers.startsWith("is not a readable CSV file")))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("(line ")))
			.andExpect(jsonPath("$.errors[0].message")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("Source:"))))
			.andExpect(jsonPath("$.errors[0].message")
				.value(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("java."))));
	}

	/** A file in another format read as one long column name does not fill the answer. */
	@Test
	void aHeaderOfHugeOrManyUnknownColumnsGetsAShortAnswer() throws Exception {
		String longName = "x".repeat(100_000);
		String many = String.join(",", java.util.stream.IntStream.range(0, 500).mapToObj(i -> "col" + i).toList());
		String answer = importCsv("mia", "id," + longName + "," + many + "\nc-1,a,b\n")
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value(org.hamcrest.Matchers.startsWith("header.xxx")))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(answer.length()).isLessThan(10_000);
	}

	@Test
	void aHeaderEndingWithACommaIsToldSo() throws Exception {
		importCsv("mia", "id,email,firstName,\nc-1,c1@example.com,C,\n").andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("header"))
			.andExpect(
					jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("has no name in column 4")));
	}

	/** A refused id the size of a file comes back as its start, the next row imported. */
	@Test
	void aHugeRefusedIdComesBackShort() throws Exception {
		String next = TestContacts.newId("c");
		String answer = importCsv("mia", "id,firstName\n" + "i".repeat(1_000_000) + ",X\n" + next + ",G\n")
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.results[0].status").value(400))
			.andExpect(jsonPath("$.results[1].status").value(201))
			.andReturn()
			.getResponse()
			.getContentAsString();
		assertThat(answer.length()).isLessThan(5_000);
	}

	/**
	 * The CSV reader would take a NUL for the end of the file and drop the rows after it.
	 */
	@Test
	void refusesAFileWithAControlCharacterOrBytesThatAreNoTextImportingNothing() throws Exception {
		String first = TestContacts.newId("csv");
		String second = TestContacts.newId("csv");
		importCsv("mia", "id,email,firstName\n%s,a@example.com,a\u0000b\n%s,b@example.com,Z\n".formatted(first, second))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(
					jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("(U+0000) on line 2")));
		// lines ended by a carriage return alone, as old spreadsheets write them
		importCsv("mia",
				"id,email,firstName\r%s,a@example.com,Ann\r%s,b@example.com,B\u0001ob\r".formatted(first, second))
			.andExpect(status().isBadRequest())
			.andExpect(
					jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.containsString("(U+0001) on line 3")));
		// in a file of line feeds, a carriage return alone would make the rest of its row
		// ("Ann,fr-FR") a contact of its own
		importCsv("mia", "id,email,firstName\n%s,a@example.com,Jo\rAnn\n%s,b@example.com,B\n".formatted(first, second))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].message")
				.value(org.hamcrest.Matchers.containsString("carriage return (U+000D) without a line feed on line 2")));
		byte[] latin1 = "id,firstName\n%s,Zo\u00e9\n".formatted(first).getBytes(StandardCharsets.ISO_8859_1);
		mvc.perform(post("/api/contacts/import").with(httpBasic("mia", "mia")).contentType(CSV).content(latin1))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("body"))
			.andExpect(jsonPath("$.errors[0].message").value(org.hamcrest.Matchers.startsWith("is not UTF-8 text")));

		assertThat(contacts.find(first)).isEmpty();
		assertThat(contacts.find(second)).isEmpty();
		mvc.perform(post("/api/contacts/import").with(httpBasic("mia", "mia"))
			.contentType("text/csv; charset=ISO-8859-1")
			.content(latin1)).andExpect(status().isOk());
		assertThat(contacts.find(first).orElseThrow().firstName()).isEqualTo("Zo\u00e9");
	}

	@Test
	void refusesMoreThanTenThousandContacts() throws Exception {
		StringBuilder csv = new StringBuilder("id\n");
		for (int i = 0; i <= ContactCsv.MAX_ROWS; i++) {
			csv.append("too-many-").append(i).append('\n');
		}
		importCsv("mia", csv.toString()).andExpect(status().isPayloadTooLarge());
		assertThat(contacts.find("too-many-0")).isEmpty();
	}

	@Test
	void importingNeedsAMarketerOrOps() throws Exception {
		importCsv("sam", "id\nc-1\n").andExpect(status().isForbidden());
		mvc.perform(post("/api/contacts/import").contentType(CSV).content("id\nc-1\n"))
			.andExpect(status().isUnauthorized());
	}

	/** The same file imported twice at once: each contact is created by one of them. */
	@Test
	void importsRunningAtOnceCreateEachContactOnce() throws Exception {
		String csv = "id,email\n" + IntStream.range(0, 20)
			.mapToObj(i -> TestContacts.newId("csv-race") + "," + i + "@example.com\n")
			.collect(Collectors.joining());
		ExecutorService importers = Executors.newFixedThreadPool(4);
		try {
			List<Future<String>> answers = IntStream.range(0, 4)
				.mapToObj(i -> importers
					.submit(() -> importCsv("mia", csv).andReturn().getResponse().getContentAsString()))
				.toList();
			int created = 0;
			for (Future<String> answer : answers) {
				created += json.readTree(answer.get(60, TimeUnit.SECONDS)).path("created").asInt();
			}

			assertThat(created).isEqualTo(20);
		}
		finally {
			importers.shutdownNow();
		}
	}

	private ResultActions importCsv(String user, String csv) throws Exception {
		return mvc.perform(post("/api/contacts/import").with(httpBasic(user, user))
			.contentType(CSV)
			.content(csv.getBytes(StandardCharsets.UTF_8)));
	}

}
