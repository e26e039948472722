package io.parcours.sales;

import java.util.List;

/** Variables of the sales hand-off in the {@code b2b-nurturing} journey. */
public final class SalesVariables {

	public static final String SALES_GROUP = "salesGroup";

	public static final String SALES_REP = "salesRep";

	/**
	 * ISO 8601 instant: the task's due date, after which it escalates to the managers.
	 */
	public static final String QUALIFY_DUE_AT = "qualifyDueAt";

	/**
	 * The lead's company facts as the "Qualify hot lead" form shows them: Markdown with
	 * what the lead typed escaped, so a company named with a link shows as text.
	 */
	public static final String LEAD_FACTS = "leadFacts";

	/** The link to the contact in that form, its id escaped. */
	public static final String CONTACT_LINK = "contactLink";

	public static final String SCORE_BREAKDOWN = "scoreBreakdown";

	public static final String RECENT_ACTIVITIES = "recentActivities";

	/** Filled by the rep in the "Qualify lead" form, with {@code decision}. */
	public static final String REASON = "reason";

	public static final String NOTES = "notes";

	/** The rep's decision on "Qualify hot lead": accept, recycle or disqualify. */
	public static final String DECISION = "decision";

	/**
	 * Who completed "Qualify hot lead", and when (ISO 8601): recorded with the decision.
	 */
	public static final String QUALIFIED_BY = "qualifiedBy";

	public static final String QUALIFIED_AT = "qualifiedAt";

	/**
	 * The score the rep saw when deciding (fit, engagement, total): what the CRM gets, on
	 * every attempt of the push, whatever activity arrives meanwhile.
	 */
	public static final String QUALIFIED_FIT = "qualifiedFit";

	public static final String QUALIFIED_ENGAGEMENT = "qualifiedEngagement";

	public static final String QUALIFIED_SCORE = "qualifiedScore";

	/**
	 * What a rep answered on a previous hand-off of the same journey: cleared at each new
	 * one.
	 */
	public static final List<String> ANSWERS = List.of(DECISION, REASON, NOTES, QUALIFIED_BY, QUALIFIED_AT,
			QUALIFIED_FIT, QUALIFIED_ENGAGEMENT, QUALIFIED_SCORE);

	private SalesVariables() {
	}

}
