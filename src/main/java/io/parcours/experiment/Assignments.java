package io.parcours.experiment;

import static io.parcours.config.Sql.at;
import static io.parcours.config.Sql.instant;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.parcours.config.InsertOnce;
import io.parcours.contact.ContactErased;
import io.parcours.journey.TestRunContacts;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code experiment_assignment} table: one row per experiment and contact, never
 * changed once written.
 */
@Repository
class Assignments {

	private final JdbcClient jdbc;

	private final InsertOnce insertOnce;

	Assignments(JdbcClient jdbc, InsertOnce insertOnce) {
		this.jdbc = jdbc;
		this.insertOnce = insertOnce;
	}

	Optional<Assignment> find(String experiment, String contactId) {
		return jdbc.sql("select * from experiment_assignment where experiment = ? and contact_id = ?")
			.params(experiment, contactId)
			.query(Assignments::map)
			.optional();
	}

	/** False when the contact was already assigned, by a concurrent journey perhaps. */
	boolean insertIfAbsent(Assignment assignment) {
		return insertOnce.insert(() -> jdbc.sql("""
				insert into experiment_assignment (experiment, contact_id, variant, assigned_at, journey,
				  process_instance_id, entered_at, converts_until)
				values (?, ?, ?, ?, ?, ?, ?, ?)""")
			.params(assignment.experiment(), assignment.contactId(), assignment.variant(), at(assignment.assignedAt()),
					assignment.journey(), assignment.processInstanceId(), at(assignment.enteredAt()),
					at(assignment.convertsUntil()))
			.update());
	}

	/**
	 * Per variant: the contacts whose conversion window is over at {@code now}, those of
	 * them with at least one order in their window, the revenue of those orders by
	 * currency, and the contacts still in their window (not counted yet: they may still
	 * order). The window opens when the contact's orders start counting for the journey
	 * ({@code JourneyStep.ordersCountFrom}), and an order that converted another instance
	 * of the journey (the cart before) is not counted again.
	 */
	List<VariantFigures> figures(String experiment, Instant now) {
		Map<String, Long> inWindow = new HashMap<>();
		jdbc.sql("""
				select variant, count(*) as contacts from experiment_assignment
				where experiment = ? and contact_id not like ? and converts_until >= ?
				group by variant""")
			.params(experiment, TestRunContacts.LIKE, at(now))
			.query((rs, row) -> inWindow.put(rs.getString("variant"), rs.getLong("contacts")))
			.list();
		Map<String, Map<String, BigDecimal>> revenue = new HashMap<>();
		jdbc.sql("""
				select a.variant, o.currency, sum(o.amount) as revenue
				from experiment_assignment a
				join customer_order o on o.contact_id = a.contact_id
				  and o.ordered_at >= a.entered_at and o.ordered_at <= a.converts_until
				  and not exists (select 1 from conversion c
				                  where c.order_id = o.order_id and c.journey = a.journey
				                    and c.process_instance_id <> a.process_instance_id)
				where a.experiment = ? and a.contact_id not like ? and a.converts_until < ?
				group by a.variant, o.currency""")
			.params(experiment, TestRunContacts.LIKE, at(now))
			.query((rs, row) -> revenue.computeIfAbsent(rs.getString("variant"), variant -> new TreeMap<>())
				.put(rs.getString("currency"), rs.getBigDecimal("revenue").setScale(2, RoundingMode.HALF_EVEN)))
			.list();
		Map<String, VariantFigures> figures = new TreeMap<>();
		jdbc.sql("""
				select a.variant, count(distinct a.contact_id) as measured, count(distinct o.contact_id) as converted
				from experiment_assignment a
				left join customer_order o on o.contact_id = a.contact_id
				  and o.ordered_at >= a.entered_at and o.ordered_at <= a.converts_until
				  and not exists (select 1 from conversion c
				                  where c.order_id = o.order_id and c.journey = a.journey
				                    and c.process_instance_id <> a.process_instance_id)
				where a.experiment = ? and a.contact_id not like ? and a.converts_until < ?
				group by a.variant""")
			.params(experiment, TestRunContacts.LIKE, at(now))
			.query((rs, row) -> figures.put(rs.getString("variant"),
					new VariantFigures(rs.getString("variant"), rs.getLong("measured"), rs.getLong("converted"),
							revenue.getOrDefault(rs.getString("variant"), Map.of()), 0)))
			.list();
		inWindow.forEach((variant, contacts) -> figures.merge(variant,
				new VariantFigures(variant, 0, 0, Map.of(), contacts), (measured, open) -> new VariantFigures(variant,
						measured.measured(), measured.converted(), measured.revenueByCurrency(), contacts)));
		return List.copyOf(figures.values());
	}

	private static Assignment map(ResultSet rs, int row) throws SQLException {
		return new Assignment(rs.getString("experiment"), rs.getString("contact_id"), rs.getString("variant"),
				instant(rs, "assigned_at"), rs.getString("journey"), rs.getString("process_instance_id"),
				instant(rs, "entered_at"), instant(rs, "converts_until"));
	}

	/**
	 * What the results are computed from, for one variant: the contacts measured (their
	 * conversion window is over), those of them who converted and their revenue, and the
	 * contacts still in their window.
	 */
	record VariantFigures(String variant, long measured, long converted, Map<String, BigDecimal> revenueByCurrency,
			long inWindow) {

		VariantFigures {
			revenueByCurrency = Collections.unmodifiableMap(new TreeMap<>(revenueByCurrency));
		}

		/** Everyone assigned so far, measured or not yet. */
		long assigned() {
			return measured + inWindow;
		}

	}

	/** Kept for the figures, no longer under the shop's id ({@link ContactErased}). */
	@EventListener
	void refile(ContactErased erased) {
		erased.refile(jdbc, "experiment_assignment");
	}

}
