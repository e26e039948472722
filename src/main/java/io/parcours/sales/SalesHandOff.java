package io.parcours.sales;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.Map;

import io.parcours.journey.SimulatedNow;
import io.parcours.scoring.LeadScore;
import io.parcours.scoring.LeadScoring;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Prepares the hand-off of a hot lead: the owner from {@code lead-routing}, the
 * qualification deadline in business days, and the score as the rep will read it.
 */
@Service
public class SalesHandOff {

	private static final Logger log = LoggerFactory.getLogger(SalesHandOff.class);

	private final SalesRouting routing;

	private final LeadScoring scoring;

	private final SalesProperties properties;

	private final Clock clock;

	private final IdentityService identity;

	private final SalesAccess access;

	private final QualifyCard card;

	SalesHandOff(SalesRouting routing, LeadScoring scoring, SalesProperties properties, Clock clock,
			IdentityService identity, SalesAccess access, QualifyCard card) {
		this.access = access;
		this.card = card;
		this.identity = identity;
		this.routing = routing;
		this.scoring = scoring;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * The routing table names a group that decides leads (checked at deployment), and
	 * maybe a rep: a rep who may not decide leads (a marketer, a user no longer in Admin)
	 * would hold a task they cannot complete, and be emailed about it, while the group
	 * never hears of it. The lead goes to the group.
	 */
	private SalesOwner decidingOwner(String contactId, SalesOwner routed) {
		if (routed.rep() == null) {
			return routed;
		}
		// whoever's call made the lead hot, the rep's groups are read whole
		CommandContext command = Context.getCommandContext();
		Callable<List<Group>> query = () -> identity.createGroupQuery().groupMember(routed.rep()).list();
		List<String> groups = (command != null ? command.runWithoutAuthorization(query) : call(query)).stream()
			.map(Group::getId)
			.toList();
		if (SalesAccess.decidesLeads(groups)) {
			return routed;
		}
		log.warn("Lead {}: lead-routing names rep {}, who is in no sales group and may not decide leads: handed to"
				+ " group {} instead", contactId, routed.rep(), routed.group());
		return new SalesOwner(routed.group(), null);
	}

	/** A team ops created after the start opens Tasklist with its first lead. */
	private void openTasklistTo(String team) {
		CommandContext command = Context.getCommandContext();
		Callable<Void> grant = () -> {
			access.openTasklistTo(team);
			return null;
		};
		if (command != null) {
			command.runWithoutAuthorization(grant);
		}
		else {
			call(grant);
		}
	}

	private static <T> T call(Callable<T> query) {
		try {
			return query.call();
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}

	/** What the "Qualify hot lead" form shows of the lead's company, as text. */
	public Map<String, Object> leadFacts(VariableScope journey, String contactId) {
		return LeadCard.facts(journey, contactId);
	}

	/** The variables the "Qualify hot lead" task and its deadline need. */
	public Map<String, Object> prepare(String contactId, String country, Integer companySize) {
		// a test run's lead goes to sales at its simulated moment, and its deadline
		// counts
		// from there, as the run plays a date timer on its simulated clock
		Instant now = SimulatedNow.of(clock);
		SalesOwner owner = decidingOwner(contactId, routing.route(country, companySize));
		openTasklistTo(owner.group());
		Map<String, Object> variables = new HashMap<>();
		variables.put(SalesVariables.SALES_GROUP, owner.group());
		variables.put(SalesVariables.SALES_REP, owner.rep());
		variables.put(SalesVariables.QUALIFY_DUE_AT,
				properties.businessDays()
					.after(now, properties.responseBusinessDays())
					.truncatedTo(ChronoUnit.SECONDS)
					.toString());
		LeadScore score = scoring.current(contactId, now);
		if (score != null) {
			variables.putAll(card.of(score));
		}
		else {
			variables.put(SalesVariables.RECENT_ACTIVITIES,
					LeadCard.recentActivities(scoring.recentActivities(contactId), properties.timeZone()));
		}
		log.info("Lead {} handed to sales: group {}, rep {}", contactId, owner.group(), owner.rep());
		return variables;
	}

}
