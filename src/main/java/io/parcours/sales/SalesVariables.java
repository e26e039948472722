package io.parcours.sales;

/** Variables of the sales hand-off in the {@code b2b-nurturing} journey. */
public final class SalesVariables {

	public static final String SALES_GROUP = "salesGroup";

	public static final String SALES_REP = "salesRep";

	/**
	 * ISO 8601 instant: the task's due date, after which it escalates to the managers.
	 */
	public static final String QUALIFY_DUE_AT = "qualifyDueAt";

	public static final String SCORE_BREAKDOWN = "scoreBreakdown";

	public static final String RECENT_ACTIVITIES = "recentActivities";

	/** Filled by the rep in the "Qualify lead" form, with {@code decision}. */
	public static final String REASON = "reason";

	public static final String NOTES = "notes";

	private SalesVariables() {
	}

}
