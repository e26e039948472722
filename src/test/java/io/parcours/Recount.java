package io.parcours;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Counts, straight from the database (and the fake providers' request log), what became
 * of a set of accepted events and signed-up contacts: every event processed, one welcome
 * journey per contact that is either finished or waiting on a live job, no journey step
 * recorded twice, and no message that reached a provider more than once.
 */
public record Recount(int acceptedEvents, List<String> eventsNotProcessed, int contacts, int journeys,
		int journeysEnded, List<String> contactsWithoutJourney, List<String> contactsWithSeveralJourneys,
		List<String> journeysStuck, int incidents, int messagesSent, int messagesUnknown,
		List<String> stepsRecordedTwice, List<String> messagesSentTwice, List<String> sentButNeverRequested) {

	private record Journey(String id, String contactId, boolean ended) {
	}

	private record MessageRow(String id, String processInstanceId, String step, String status) {
	}

	/**
	 * @param providerRequests requests the fake providers received, by our message id;
	 * {@code null} with the log provider (nothing to count on the wire)
	 */
	public static Recount of(JdbcClient jdbc, Collection<String> acceptedEventIds, Collection<String> contactIds,
			Map<String, Long> providerRequests) {
		Set<String> contacts = new HashSet<>(contactIds);
		List<Journey> journeys = welcomeJourneys(jdbc, contacts);
		Map<String, Long> journeysPerContact = journeys.stream()
			.collect(Collectors.groupingBy(Journey::contactId, Collectors.counting()));
		List<MessageRow> messages = messages(jdbc, contacts);
		return new Recount(acceptedEventIds.size(), notProcessed(jdbc, acceptedEventIds), contacts.size(),
				journeys.size(), (int) journeys.stream().filter(Journey::ended).count(),
				contacts.stream().filter(id -> !journeysPerContact.containsKey(id)).sorted().toList(),
				keysCountedTwice(journeysPerContact), stuck(jdbc, journeys), incidents(jdbc, journeys),
				(int) messages.stream().filter(m -> "SENT".equals(m.status())).count(),
				(int) messages.stream().filter(m -> "UNKNOWN".equals(m.status())).count(),
				keysCountedTwice(
						messages.stream()
							.collect(Collectors.groupingBy(m -> m.processInstanceId() + "/" + m.step(),
									Collectors.counting()))),
				providerRequests == null ? List.of() : keysCountedTwice(providerRequests),
				providerRequests == null ? List.of() : neverRequested(messages, providerRequests));
	}

	private static List<String> notProcessed(JdbcClient jdbc, Collection<String> acceptedEventIds) {
		Map<String, String> eventStatus = new HashMap<>();
		jdbc.sql("select id, status from inbound_event")
			.query((RowCallbackHandler) rs -> eventStatus.put(rs.getString("id"), rs.getString("status")));
		return acceptedEventIds.stream().filter(id -> !"PROCESSED".equals(eventStatus.get(id))).sorted().toList();
	}

	private static List<Journey> welcomeJourneys(JdbcClient jdbc, Set<String> contacts) {
		return jdbc.sql("""
				select p.id_, p.business_key_, p.end_time_ from act_hi_procinst p
				join act_re_procdef d on p.proc_def_id_ = d.id_ where d.key_ = 'welcome'""")
			.query((rs, row) -> new Journey(rs.getString(1), rs.getString(2), rs.getTimestamp(3) != null))
			.stream()
			.filter(journey -> contacts.contains(journey.contactId()))
			.toList();
	}

	/** Running journeys without a job that will move them on. */
	private static List<String> stuck(JdbcClient jdbc, List<Journey> journeys) {
		Set<String> withLiveJob = new HashSet<>(jdbc.sql(
				"select distinct process_instance_id_ from act_ru_job where retries_ > 0 and process_instance_id_ is not null")
			.query(String.class)
			.list());
		return journeys.stream()
			.filter(journey -> !journey.ended() && !withLiveJob.contains(journey.id()))
			.map(Journey::id)
			.sorted()
			.toList();
	}

	private static int incidents(JdbcClient jdbc, List<Journey> journeys) {
		Set<String> ids = journeys.stream().map(Journey::id).collect(Collectors.toSet());
		return (int) jdbc.sql("select proc_inst_id_ from act_ru_incident")
			.query(String.class)
			.list()
			.stream()
			.filter(ids::contains)
			.count();
	}

	private static List<MessageRow> messages(JdbcClient jdbc, Set<String> contacts) {
		return jdbc.sql("select id, contact_id, process_instance_id, step, status from message")
			.query((rs,
					row) -> contacts.contains(rs.getString("contact_id")) ? new MessageRow(rs.getString("id"),
							rs.getString("process_instance_id"), rs.getString("step"), rs.getString("status")) : null)
			.stream()
			.filter(Objects::nonNull)
			.toList();
	}

	/** Nothing lost, nothing stuck, nothing sent twice. */
	public boolean clean() {
		return eventsNotProcessed.isEmpty() && contactsWithoutJourney.isEmpty() && contactsWithSeveralJourneys.isEmpty()
				&& journeysStuck.isEmpty() && incidents == 0 && stepsRecordedTwice.isEmpty()
				&& messagesSentTwice.isEmpty() && sentButNeverRequested.isEmpty();
	}

	public String report() {
		return String.join("\n", "| count | value |", "|---|---|", row("accepted events (202)", acceptedEvents),
				row("accepted events not processed", eventsNotProcessed), row("signed-up contacts", contacts),
				row("welcome journeys", journeys), row("journeys ended", journeysEnded),
				row("contacts without a journey", contactsWithoutJourney),
				row("contacts with several journeys", contactsWithSeveralJourneys),
				row("running journeys without a live job (stuck)", journeysStuck), row("incidents", incidents),
				row("messages sent", messagesSent),
				row("messages interrupted during the provider call (unknown, not resent)", messagesUnknown),
				row("journey steps recorded twice", stepsRecordedTwice),
				row("messages that reached a provider more than once", messagesSentTwice),
				row("messages marked sent that no provider received", sentButNeverRequested),
				row("verdict", clean() ? "clean" : "PROBLEMS FOUND"));
	}

	private static List<String> keysCountedTwice(Map<String, Long> counts) {
		return counts.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).sorted().toList();
	}

	private static List<String> neverRequested(List<MessageRow> messages, Map<String, Long> providerRequests) {
		return messages.stream()
			.filter(m -> "SENT".equals(m.status()) && !providerRequests.containsKey(m.id()))
			.map(MessageRow::id)
			.sorted()
			.toList();
	}

	private static String row(String label, Object value) {
		return "| " + label + " | " + value + " |";
	}

	private static String row(String label, List<String> values) {
		return row(label, values.size() + (values.isEmpty() ? "" : " " + values.stream().limit(5).toList()));
	}

	static <T> Map<T, Long> count(Collection<T> values) {
		return values.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
	}

}
