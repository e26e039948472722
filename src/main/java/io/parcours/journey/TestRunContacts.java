package io.parcours.journey;

/**
 * A journey's test run (dry run before launch) works on a throwaway contact whose id
 * carries this prefix. Every layer can tell a test run from the contact id alone: its
 * messages go through the log provider and it never counts in figures or metrics.
 */
public final class TestRunContacts {

	public static final String PREFIX = "test-run:";

	/** For SQL: {@code column not like TestRunContacts.LIKE}. */
	public static final String LIKE = PREFIX + "%";

	private TestRunContacts() {
	}

	public static boolean isTestRun(String contactId) {
		return contactId != null && contactId.startsWith(PREFIX);
	}

}
