package io.parcours.config;

/**
 * The engine groups Parcours relies on; their ids double as Spring Security authorities.
 */
public final class Groups {

	public static final String OPS = "camunda-admin";

	public static final String MARKETING = "marketing";

	public static final String SALES = "sales";

	/** Escalated tasks and enterprise leads. */
	public static final String SALES_MANAGERS = "sales-managers";

	private Groups() {
	}

	/** {@code sales}, {@code sales-managers} or any {@code sales-...} team. */
	public static boolean isSales(String group) {
		return group.equals(SALES) || group.startsWith(SALES + "-");
	}

	/**
	 * Ops and marketing read every contact; sales users, those of the leads they work on.
	 */
	static boolean readsContacts(String group) {
		return group.equals(OPS) || group.equals(MARKETING) || isSales(group);
	}

}
