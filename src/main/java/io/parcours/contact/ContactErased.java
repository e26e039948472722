package io.parcours.contact;

import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Published inside the erasing transaction: every feature that keeps personal data of the
 * contact removes it before the transaction commits. What a feature keeps for its figures
 * (journeys, messages, orders, conversions, experiment assignments...) it files under
 * {@code erasedAs}, a key of this erasure alone: the figures keep counting the person,
 * whom the shop's id no longer names, and whoever signs up with that id later starts with
 * nothing of theirs (no messages counting against the frequency cap, no history on the
 * contact's pages, no experiment variant or reactivation already behind them).
 */
public record ContactErased(String contactId, String erasedAs, PersonalData erased) {

	/**
	 * What the person was called and reached by, for the texts that may quote it (a
	 * provider's error on a message row): kept nowhere.
	 */
	public record PersonalData(String email, String phone, String firstName) {

		static final PersonalData NONE = new PersonalData(null, null, null);

	}

	/** Keys no contact can have ({@link ContactId} refuses them). */
	public static final String PREFIX = "erased:";

	static ContactErased of(String contactId, PersonalData erased) {
		return new ContactErased(contactId, PREFIX + UUID.randomUUID(), erased == null ? PersonalData.NONE : erased);
	}

	/** Files the rows the table keeps of the person under {@link #erasedAs()}. */
	public void refile(JdbcClient jdbc, String table, String column) {
		jdbc.sql("update " + table + " set " + column + " = ? where " + column + " = ?")
			.params(erasedAs, contactId)
			.update();
	}

	/** {@link #refile(JdbcClient, String, String)} for a {@code contact_id} column. */
	public void refile(JdbcClient jdbc, String table) {
		refile(jdbc, table, "contact_id");
	}

}
